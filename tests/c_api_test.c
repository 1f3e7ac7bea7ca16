/* The C API from C: index docs/samples/ through pith_writer_*, search it through
 * pith_searcher_*, and check every error path returns its status and an actionable message.
 * Usage: c_api_test SAMPLES_DIR */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <pith/pith.h>

static int failures = 0;

#define CHECK(condition)                                                                  \
    do {                                                                                  \
        if (!(condition)) {                                                               \
            fprintf(stderr, "%s:%d: CHECK(%s) failed; last error: %s\n", __FILE__, __LINE__, \
                    #condition, pith_last_error_message());                               \
            ++failures;                                                                   \
        }                                                                                 \
    } while (0)

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static size_t index_directory(pith_writer_t *writer, const char *dir) {
    DIR *d = opendir(dir);
    size_t added = 0;
    struct dirent *entry;
    CHECK(d != NULL);
    if (d == NULL) return 0;
    while ((entry = readdir(d)) != NULL) {
        char path[4096];
        size_t length = strlen(entry->d_name);
        pith_add_outcome_t outcome = PITH_UNCHANGED;
        if (length < 4 || strcmp(entry->d_name + length - 4, ".txt") != 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        CHECK(pith_writer_add_file(writer, path, &outcome) == PITH_OK);
        CHECK(outcome == PITH_ADDED);
        ++added;
    }
    closedir(d);
    return added;
}

int main(int argc, char **argv) {
    char temp[] = "/tmp/pith-c-api-XXXXXX";
    char index[4096], file[4096];
    pith_writer_t *writer = NULL;
    pith_searcher_t *searcher = NULL;
    pith_results_t *results = NULL;
    pith_add_outcome_t outcome = PITH_ADDED;
    size_t i, articles;

    if (argc != 2) {
        fprintf(stderr, "usage: c_api_test SAMPLES_DIR\n");
        return 2;
    }
    if (mkdtemp(temp) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    snprintf(index, sizeof index, "%s/index", temp);

    CHECK(strchr(pith_version(), '.') != NULL);
    CHECK(strcmp(pith_status_to_string(PITH_STATUS_QUERY_ERROR), "malformed query") == 0);

    /* No index yet: a status and a message naming the path and the way out. */
    CHECK(pith_searcher_open(index, &searcher) == PITH_STATUS_INDEX_NOT_FOUND);
    CHECK(searcher == NULL);
    CHECK(strstr(pith_last_error_message(), index) != NULL);
    CHECK(strstr(pith_last_error_message(), "pith-index") != NULL);

    CHECK(pith_writer_open(index, NULL, 0, &writer) == PITH_OK);
    articles = index_directory(writer, argv[1]);
    CHECK(articles >= 5);
    snprintf(file, sizeof file, "%s/no-such-article.txt", argv[1]);
    CHECK(pith_writer_add_file(writer, file, &outcome) == PITH_STATUS_INPUT_ERROR);
    CHECK(strstr(pith_last_error_message(), "no-such-article.txt") != NULL);
    CHECK(pith_writer_close(writer) == PITH_OK);

    /* Adding an unchanged article again leaves it alone. */
    CHECK(pith_writer_open(index, NULL, 0, &writer) == PITH_OK);
    snprintf(file, sizeof file, "%s/01-canola-tariffs.txt", argv[1]);
    CHECK(pith_writer_add_file(writer, file, &outcome) == PITH_OK);
    CHECK(outcome == PITH_UNCHANGED);
    CHECK(pith_writer_close(writer) == PITH_OK);

    /* Compaction: refused while a writer holds the index, then done in place; no index, no
     * compaction. */
    {
        uint64_t before = 0, after = 0;
        char missing[4096];
        CHECK(pith_writer_open(index, NULL, 0, &writer) == PITH_OK);
        CHECK(pith_compact_index(index, &before, &after) == PITH_STATUS_INDEX_ERROR);
        CHECK(strstr(pith_last_error_message(), index) != NULL);
        CHECK(pith_writer_close(writer) == PITH_OK);
        CHECK(pith_compact_index(index, &before, &after) == PITH_OK);
        CHECK(before > 0 && after > 0 && after < before);
        CHECK(pith_compact_index(index, NULL, NULL) == PITH_OK);
        snprintf(missing, sizeof missing, "%s/no-index-here", temp);
        CHECK(pith_compact_index(missing, &before, &after) == PITH_STATUS_INDEX_NOT_FOUND);
        CHECK(pith_compact_index(NULL, &before, &after) == PITH_STATUS_INVALID_ARGUMENT);
    }

    CHECK(pith_searcher_open(index, &searcher) == PITH_OK);
    CHECK(pith_searcher_search(searcher, "canola", 3, 1, &results) == PITH_OK);
    CHECK(pith_results_count(results) == 3);
    CHECK(pith_results_matches_estimated(results) >= 3);
    for (i = 0; i < pith_results_count(results); ++i) {
        const char *passage = pith_hit_passage(results, i);
        size_t begin = 0, end = 0;
        CHECK(passage != NULL && pith_hit_path(results, i) != NULL && pith_hit_title(results, i) != NULL);
        CHECK(strlen(pith_hit_article_id(results, i)) == 16);
        CHECK(i == 0 || pith_hit_score(results, i) <= pith_hit_score(results, i - 1));
        CHECK(pith_hit_highlight_count(results, i) >= 1);
        CHECK(pith_hit_highlight(results, i, 0, &begin, &end) == PITH_OK);
        CHECK(end - begin == 6 && strncasecmp(passage + begin, "canola", 6) == 0);
        /* Hits come one per article. */
        CHECK(i == 0 || strcmp(pith_hit_article_id(results, i), pith_hit_article_id(results, i - 1)) != 0);
    }
    CHECK(pith_hit_path(results, 3) == NULL);
    CHECK(pith_hit_highlight(results, 0, 999, &i, &i) == PITH_STATUS_INVALID_ARGUMENT);
    pith_results_free(results);

    /* A malformed query: status, message and the column of the fault. */
    results = NULL;
    CHECK(pith_searcher_search(searcher, "canola \"Meng", 10, 1, &results) == PITH_STATUS_QUERY_ERROR);
    CHECK(results == NULL);
    CHECK(pith_last_error_column() == 8);
    CHECK(strstr(pith_last_error_message(), "unclosed") != NULL);

    /* Nothing matched is an empty result, not an error. */
    CHECK(pith_searcher_search(searcher, "\"canola Huawei Vancouver extradition\"", 10, 1, &results) == PITH_OK);
    CHECK(pith_results_count(results) == 0);
    pith_results_free(results);

    /* NULL arguments are refused, never dereferenced. */
    CHECK(pith_searcher_search(NULL, "canola", 10, 1, &results) == PITH_STATUS_INVALID_ARGUMENT);
    CHECK(pith_searcher_search(searcher, NULL, 10, 1, &results) == PITH_STATUS_INVALID_ARGUMENT);
    CHECK(pith_searcher_open(NULL, &searcher) == PITH_STATUS_INVALID_ARGUMENT);
    CHECK(pith_results_count(NULL) == 0);
    pith_searcher_close(searcher);
    pith_searcher_close(NULL);
    pith_results_free(NULL);

    nftw(temp, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    if (failures == 0) printf("c_api_test: all checks passed\n");
    return failures == 0 ? 0 : 1;
}
