#ifndef MAITRE_CLIBPQ_SHIM_H
#define MAITRE_CLIBPQ_SHIM_H
#include <postgresql/libpq-fe.h>
#endif
