// json-c, imported into Swift. Debian package: libjson-c-dev.
#include <json-c/json.h>
#include <json-c/json_object_iterator.h>
