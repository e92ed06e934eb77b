// Fixture for check-layers.sh: util/ may not include expr/.
#include "expr/ast.h"
