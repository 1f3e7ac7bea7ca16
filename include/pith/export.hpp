#pragma once
/// PITH_EXPORT marks what libpith.so exports. The library is compiled with hidden visibility, so
/// only the declarations in include/pith/ that carry it (and the C API) are part of its ABI;
/// Xapian, ICU and Pith's internals stay private and can change without breaking programs.

#if defined(__GNUC__) || defined(__clang__)
#define PITH_EXPORT __attribute__((visibility("default")))
#else
#define PITH_EXPORT
#endif
