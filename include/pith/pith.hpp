#pragma once
/// Everything Pith offers to C++ programs.

#include "pith/analyzed_article.hpp"
#include "pith/analyzer.hpp"
#include "pith/article.hpp"
#include "pith/config.hpp"
#include "pith/error.hpp"
#include "pith/highlighter.hpp"
#include "pith/index_compaction.hpp"
#include "pith/index_writer.hpp"
#include "pith/indexer.hpp"
#include "pith/passage_splitter.hpp"
#include "pith/query.hpp"
#include "pith/searcher.hpp"
#include "pith/sharded_index_writer.hpp"
#include "pith/version.hpp"
