#include "pith/version.hpp"

namespace pith {

std::string_view version() noexcept { return PITH_VERSION; }

}  // namespace pith
