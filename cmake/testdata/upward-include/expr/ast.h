// Fixture for check-layers.sh.
#include "util/bad.h"
