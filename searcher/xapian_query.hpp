#pragma once
// Turns a parsed query into the Xapian::Query run against the index (schema.hpp's terms).

#include <xapian.h>

#include "pith/config.hpp"
#include "pith/query.hpp"

namespace pith {

Xapian::Query build_xapian_query(const ParsedQuery& query, const IndexConfig& config);

}  // namespace pith
