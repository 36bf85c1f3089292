// OpenBLAS's CBLAS interface, imported into Swift. Debian package:
// libopenblas-dev (pkg-config: openblas). openblas_set_num_threads and
// openblas_get_corename are declared in OpenBLAS's own <cblas.h>.
#include <cblas.h>
