/* C code calling Strata's malloc family, as a C library loaded by the
 * dynamic linker would. Compiled by tests/build.rs with gcc (host only) and
 * linked into the c_malloc test program, which supplies `report`.
 * Freestanding: no libc headers, only the compiler's own. */
#include <stddef.h>
#include <stdint.h>

void *malloc(size_t);
void *calloc(size_t, size_t);
void *realloc(void *, size_t);
void free(void *);
void *aligned_alloc(size_t, size_t);
int posix_memalign(void **, size_t, size_t);
size_t malloc_usable_size(void *);

typedef void (*report_fn)(const char *name, int ok);

static int all_equal(const unsigned char *p, size_t n, unsigned char v) {
    for (size_t i = 0; i < n; i++)
        if (p[i] != v) return 0;
    return 1;
}

static void fill(unsigned char *p, size_t n, unsigned char v) {
    for (size_t i = 0; i < n; i++) p[i] = v;
}

void c_malloc_tests(report_fn report) {
    /* malloc/free over small and large sizes, each block filled and checked. */
    int ok = 1;
    unsigned char *blocks[64];
    for (int i = 0; i < 64; i++) {
        size_t n = (size_t)1 << (i % 21);
        blocks[i] = malloc(n);
        ok &= blocks[i] != NULL && ((uintptr_t)blocks[i] % 16) == 0;
        if (blocks[i]) fill(blocks[i], n, (unsigned char)i);
    }
    for (int i = 0; i < 64; i++) {
        size_t n = (size_t)1 << (i % 21);
        ok &= blocks[i] == NULL || all_equal(blocks[i], n, (unsigned char)i);
        free(blocks[i]);
    }
    report("malloc gives 16-aligned blocks that keep their bytes", ok);

    void *zero = malloc(0);
    report("malloc(0) is a unique pointer that free takes", zero != NULL);
    free(zero);
    free(NULL);
    report("free(NULL) is a no-op", 1);

    unsigned char *z = calloc(1000, 37);
    report("calloc zeroes", z != NULL && all_equal(z, 37000, 0));
    free(z);
    unsigned char *big = calloc(1 << 20, 3);
    report("calloc zeroes large blocks", big != NULL && all_equal(big, 3 << 20, 0));
    free(big);
    report("calloc refuses an overflowing product", calloc(SIZE_MAX / 2, 3) == NULL);

    unsigned char *r = malloc(10);
    fill(r, 10, 0xab);
    r = realloc(r, 100000);
    ok = r != NULL && all_equal(r, 10, 0xab);
    fill(r, 100000, 0xcd);
    r = realloc(r, 5000000);
    ok &= r != NULL && all_equal(r, 100000, 0xcd);
    r = realloc(r, 20);
    ok &= r != NULL && all_equal(r, 20, 0xcd);
    report("realloc keeps contents while growing and shrinking", ok);
    report("realloc(p, 0) frees and returns NULL", realloc(r, 0) == NULL);
    unsigned char *fresh = realloc(NULL, 64);
    report("realloc(NULL, n) is malloc(n)", fresh != NULL);
    free(fresh);

    ok = 1;
    for (size_t align = 1; align <= 65536; align <<= 1) {
        void *p = aligned_alloc(align, 3 * align);
        ok &= p != NULL && ((uintptr_t)p % align) == 0;
        if (p) fill(p, 3 * align, 7);
        free(p);
    }
    report("aligned_alloc honours alignments up to 64 KiB", ok);
    report("aligned_alloc refuses a non-power-of-two alignment", aligned_alloc(24, 48) == NULL);

    void *pm = NULL;
    int rc = posix_memalign(&pm, 4096, 100);
    report("posix_memalign aligns to 4096", rc == 0 && pm != NULL && ((uintptr_t)pm % 4096) == 0);
    free(pm);
    report("posix_memalign rejects alignment 3 with EINVAL", posix_memalign(&pm, 3, 8) == 22);
    report("posix_memalign rejects alignment 2 with EINVAL", posix_memalign(&pm, 2, 8) == 22);

    ok = 1;
    for (size_t n = 1; n < 300000; n = n * 3 + 1) {
        unsigned char *p = malloc(n);
        size_t usable = malloc_usable_size(p);
        ok &= usable >= n;
        fill(p, usable, 1);
        free(p);
    }
    report("malloc_usable_size is at least the size asked, and all of it is usable", ok);
    report("malloc_usable_size(NULL) is 0", malloc_usable_size(NULL) == 0);
}
