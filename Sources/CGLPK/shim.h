#ifndef MAITRE_CGLPK_SHIM_H
#define MAITRE_CGLPK_SHIM_H
#include <glpk.h>
#endif
