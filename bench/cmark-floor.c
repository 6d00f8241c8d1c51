/* The floor for the benchmark: libcmark renders every page to a file, single-threaded,
   with no front matter handling, templates or navigation.
   Usage: cmark-floor CONTENT_DIR OUT_DIR */
#define _XOPEN_SOURCE 700
#include <cmark.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *out_dir;
static size_t content_prefix;
static long pages;

static int render(const char *path, const struct stat *info, int type, struct FTW *ftw) {
    (void)info; (void)ftw;
    size_t length = strlen(path);
    if (type != FTW_F || length < 3 || strcmp(path + length - 3, ".md") != 0) return 0;
    FILE *in = fopen(path, "rb");
    if (!in) return 0;
    fseek(in, 0, SEEK_END);
    long size = ftell(in);
    fseek(in, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    size_t got = fread(text, 1, (size_t)size, in);
    fclose(in);
    char *html = cmark_markdown_to_html(text, got, CMARK_OPT_DEFAULT | CMARK_OPT_SMART);
    char target[4096];
    snprintf(target, sizeof target, "%s/%ld.html", out_dir, pages++);
    FILE *out = fopen(target, "wb");
    if (out) { fputs(html, out); fclose(out); }
    free(html);
    free(text);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: cmark-floor CONTENT_DIR OUT_DIR\n"); return 2; }
    out_dir = argv[2];
    content_prefix = strlen(argv[1]);
    mkdir(out_dir, 0755);
    nftw(argv[1], render, 32, FTW_PHYS);
    printf("%ld pages\n", pages);
    return 0;
}
