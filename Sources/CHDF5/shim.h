// netcost — Apache-2.0
//
// The HDF5 C API (Debian: libhdf5-dev; pkg-config: hdf5), for reading the
// model_config attribute of legacy Keras .h5 files.
#ifndef NETCOST_CHDF5_SHIM_H
#define NETCOST_CHDF5_SHIM_H
#include <hdf5.h>

// H5P_DEFAULT and H5T_* are macros the Swift importer cannot see through;
// these give their values.
static inline hid_t netcost_h5p_default(void) { return H5P_DEFAULT; }
static inline hid_t netcost_h5t_c_s1(void) { return H5T_C_S1; }
static inline unsigned netcost_h5f_acc_rdonly(void) { return H5F_ACC_RDONLY; }
// Stops HDF5 printing its error stack to stderr; netcost reports one line.
static inline void netcost_h5_quiet(void) { H5Eset_auto2(H5E_DEFAULT, NULL, NULL); }
#endif
