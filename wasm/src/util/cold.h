// cold.h: DODB_COLD, for a function off the request hot path (table administration, stored
// table metadata, descriptions) that lives in a source file built for speed (-O2, see
// DODB_HOT_SOURCES in CMakeLists.txt). It is compiled for the smallest code instead, as -Oz
// would, and its callers treat it as unlikely. Only code size changes, never behaviour.
#ifndef DODB_COLD_H_
#define DODB_COLD_H_

#define DODB_COLD __attribute__((minsize, cold))

#endif  // DODB_COLD_H_
