/* In-process throughput of libstemmer's Arabic stemmer over a word list,
 * for comparison with BenchmarkStem (see compare.sh). Written for this project. */
#include <libstemmer.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv) {
    FILE *f = fopen(argv[1], "rb");
    int reps = argc > 2 ? atoi(argv[2]) : 20;
    char *buf = malloc(64 << 20);
    size_t n = fread(buf, 1, 64 << 20, f);
    buf[n] = 0;
    size_t cap = 1 << 20, count = 0;
    char **w = malloc(cap * sizeof *w);
    int *len = malloc(cap * sizeof *len);
    for (char *p = buf; *p;) {
        char *e = strchr(p, '\n');
        if (!e) e = p + strlen(p);
        w[count] = p; len[count] = (int)(e - p); count++;
        if (!*e) break;
        *e = 0; p = e + 1;
    }
    struct sb_stemmer *s = sb_stemmer_new("arabic", "UTF_8");
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    size_t sink = 0;
    for (int r = 0; r < reps; r++)
        for (size_t i = 0; i < count; i++)
            sink += sb_stemmer_length(s) + (size_t)sb_stemmer_stem(s, (const sb_symbol *)w[i], len[i])[0];
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("libstemmer in-process: %zu words x %d in %.3f s = %.0f words/s (sink %zu)\n", count, reps, secs, count * reps / secs, sink % 7);
    return 0;
}
