// A deliberate violation inside core: the model (the lowest layer) includes an exporter.
#include "core/export/exporter.h"
