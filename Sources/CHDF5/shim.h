// netcost — Apache-2.0
//
// The HDF5 C API's types (Debian: libhdf5-dev), for reading the model_config
// attribute of legacy Keras .h5 files. The library itself is loaded with
// dlopen the first time a .h5 file is read (netcost_h5_load), so that every
// other run of netcost does not pay for loading libhdf5 and the thirty-odd
// shared libraries it pulls in (libcurl, Kerberos, GnuTLS…) at start-up.
#ifndef NETCOST_CHDF5_SHIM_H
#define NETCOST_CHDF5_SHIM_H

#if __has_include(<hdf5.h>)
#include <hdf5.h>
#elif __has_include("/usr/include/hdf5/serial/hdf5.h")
#include "/usr/include/hdf5/serial/hdf5.h"
#else
#error "netcost needs the HDF5 headers: apt-get install libhdf5-dev"
#endif
#include <dlfcn.h>
#include <stddef.h>

/// The HDF5 functions netcost calls, resolved from the loaded library.
typedef struct netcost_h5_api {
  herr_t (*open)(void);
  herr_t (*eset_auto2)(hid_t, H5E_auto2_t, void *);
  hid_t (*fopen)(const char *, unsigned, hid_t);
  herr_t (*fclose)(hid_t);
  htri_t (*aexists)(hid_t, const char *);
  hid_t (*aopen)(hid_t, const char *, hid_t);
  herr_t (*aclose)(hid_t);
  hid_t (*aget_type)(hid_t);
  hid_t (*aget_space)(hid_t);
  herr_t (*aread)(hid_t, hid_t, void *);
  hid_t (*tcopy)(hid_t);
  herr_t (*tclose)(hid_t);
  H5T_class_t (*tget_class)(hid_t);
  size_t (*tget_size)(hid_t);
  htri_t (*tis_variable_str)(hid_t);
  herr_t (*tset_size)(hid_t, size_t);
  herr_t (*sclose)(hid_t);
  hssize_t (*sget_simple_extent_npoints)(hid_t);
  herr_t (*free_memory)(void *);
  /// The library's C string type (H5T_C_S1).
  hid_t c_s1;
} netcost_h5_api;

/// Loads libhdf5 and fills `api`: 1 on success, 0 when no library or symbol was found.
static inline int netcost_h5_load(netcost_h5_api *api) {
  static const char *const names[] = {
      "libhdf5_serial.so.103", "libhdf5_serial.so.310", "libhdf5_serial.so", "libhdf5.so.103",
      "libhdf5.so.310",        "libhdf5.so",            "libhdf5.dylib",
  };
  void *lib = NULL;
  for (size_t i = 0; i < sizeof names / sizeof names[0] && !lib; i++) lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
  if (!lib) return 0;
#define NETCOST_H5_SYM(field, name)                   \
  do {                                                \
    *(void **)(&api->field) = dlsym(lib, name);       \
    if (!api->field) return 0;                        \
  } while (0)
  NETCOST_H5_SYM(open, "H5open");
  NETCOST_H5_SYM(eset_auto2, "H5Eset_auto2");
  NETCOST_H5_SYM(fopen, "H5Fopen");
  NETCOST_H5_SYM(fclose, "H5Fclose");
  NETCOST_H5_SYM(aexists, "H5Aexists");
  NETCOST_H5_SYM(aopen, "H5Aopen");
  NETCOST_H5_SYM(aclose, "H5Aclose");
  NETCOST_H5_SYM(aget_type, "H5Aget_type");
  NETCOST_H5_SYM(aget_space, "H5Aget_space");
  NETCOST_H5_SYM(aread, "H5Aread");
  NETCOST_H5_SYM(tcopy, "H5Tcopy");
  NETCOST_H5_SYM(tclose, "H5Tclose");
  NETCOST_H5_SYM(tget_class, "H5Tget_class");
  NETCOST_H5_SYM(tget_size, "H5Tget_size");
  NETCOST_H5_SYM(tis_variable_str, "H5Tis_variable_str");
  NETCOST_H5_SYM(tset_size, "H5Tset_size");
  NETCOST_H5_SYM(sclose, "H5Sclose");
  NETCOST_H5_SYM(sget_simple_extent_npoints, "H5Sget_simple_extent_npoints");
  NETCOST_H5_SYM(free_memory, "H5free_memory");
#undef NETCOST_H5_SYM
  if (api->open() < 0) return 0;
  hid_t *c_s1 = (hid_t *)dlsym(lib, "H5T_C_S1_g");
  if (!c_s1) return 0;
  api->c_s1 = *c_s1;
  // HDF5 prints its error stack to stderr by default; netcost reports one line.
  api->eset_auto2(H5E_DEFAULT, NULL, NULL);
  return 1;
}

/// H5P_DEFAULT, H5F_ACC_RDONLY and H5T_VARIABLE, which Swift cannot import as macros.
static inline hid_t netcost_h5p_default(void) { return H5P_DEFAULT; }
static inline unsigned netcost_h5f_acc_rdonly(void) { return 0x0000u; }
static inline size_t netcost_h5t_variable(void) { return H5T_VARIABLE; }
#endif
