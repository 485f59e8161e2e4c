#ifndef MOLTRES_CPOSTGRES_SHIM_H
#define MOLTRES_CPOSTGRES_SHIM_H
#include <libpq-fe.h>
#endif
