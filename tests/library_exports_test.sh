#!/usr/bin/env bash
# libpith.so's dynamic symbols are its ABI: the C API and the C++ classes and functions of
# include/pith/, nothing of Xapian, ICU, toml++, nlohmann-json or Pith's internals.
# Usage: library_exports_test.sh LIBPITH_SO
set -euo pipefail
symbols=$(nm -D --defined-only -C "$1" | awk '{ $1 = ""; $2 = ""; print substr($0, 3) }')
fail() { echo "library_exports_test: $*" >&2; exit 1; }

for required in 'pith_searcher_open' 'pith_last_error_message' 'pith::Searcher::search(' \
                'pith::IndexWriter::add(' 'pith::ShardedIndexWriter::shard_of(' 'pith::version()' \
                'pith::parse_query(' 'pith::IndexConfig::load(' 'typeinfo for pith::QueryError'; do
    grep -qF -- "$required" <<<"$symbols" || fail "libpith.so does not export $required"
done
# Typeinfo of Xapian's exception classes is the one exception: Xapian's headers declare those
# classes with default visibility, and the catch clauses that turn them into pith::Errors must
# match the typeinfo libxapian throws.
leaked=$(grep -E 'Xapian::|icu_[0-9]+::|toml::|nlohmann::|pith::detail::|pith::schema::|build_xapian_query|document_data' \
         <<<"$symbols" | grep -vE '^typeinfo (name )?for Xapian::[A-Za-z]*Error$' || true)
[ -z "$leaked" ] || fail "libpith.so exports internals:"$'\n'"$leaked"
echo "library_exports_test: $(wc -l <<<"$symbols") exported symbols, all public API"
