#pragma once
/// The errors Pith's library throws. Each message is a complete sentence a person can act on:
/// what failed, where (file, line, query column) and what to do. Programs catch pith::Error.

#include <cstddef>
#include <stdexcept>
#include <string>

#include "pith/export.hpp"

namespace pith {

/// Base of every error Pith throws on purpose.
class PITH_EXPORT Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A configuration file is missing, unreadable, malformed or holds an unknown key or bad value.
class PITH_EXPORT ConfigError : public Error {
  public:
    using Error::Error;
};

/// An input article cannot be read (missing, permission denied, binary, empty).
class PITH_EXPORT InputError : public Error {
  public:
    using Error::Error;
};

/// No index exists at the given path.
class PITH_EXPORT IndexNotFound : public Error {
  public:
    using Error::Error;
};

/// An index exists but cannot be used: locked by another writer, corrupt, from another schema
/// version, or built with analysis settings that differ from the ones requested.
class PITH_EXPORT IndexError : public Error {
  public:
    using Error::Error;
};

/// Another writer holds the index's lock (a second pith-index, for instance).
class IndexLocked : public IndexError {
  public:
    using IndexError::IndexError;
};

/// A query cannot be parsed or has nothing to search for.
class PITH_EXPORT QueryError : public Error {
  public:
    /// @param column 1-based column (in characters) of the fault in the query string.
    QueryError(const std::string& message, std::size_t column)
        : Error(message), column_(column) {}

    /// 1-based column (in characters) where the fault was found; 0 when it concerns the
    /// whole query.
    std::size_t column() const noexcept { return column_; }

  private:
    std::size_t column_;
};

}  // namespace pith
