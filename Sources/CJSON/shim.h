#ifndef MOLTRES_CJSON_SHIM_H
#define MOLTRES_CJSON_SHIM_H
#include <json-c/json.h>
#endif
