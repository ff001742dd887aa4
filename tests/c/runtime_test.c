/* C code built as a distribution builds it, with the stack protector on
 * every function (-fstack-protector-all), calling what a libc gives C code:
 * the canary where gcc reads it (x86_64: %fs:0x28 in the thread block;
 * aarch64, riscv64, armv7: the global __stack_chk_guard), __stack_chk_fail,
 * and a per-thread errno through __errno_location. Compiled by
 * tests/build.rs for each target and linked into the threads program.
 * Freestanding: no libc headers, only the compiler's own. */
#include <stddef.h>

int *__errno_location(void);
#define errno (*__errno_location())

/* The canary as this function's own prologue reads it. */
unsigned long c_canary(void) {
#if defined(__x86_64__)
    unsigned long value;
    __asm__ volatile("mov %%fs:0x28, %0" : "=r"(value));
    return value;
#else
    extern unsigned long __stack_chk_guard;
    return __stack_chk_guard;
#endif
}

/* Copies `s` through a stack buffer and sums its bytes: the prologue stores
 * the canary and the epilogue checks it, so a wrong or moving canary ends
 * the program here. */
unsigned long c_sum_through_stack(const char *s) {
    volatile char buf[64];
    size_t n = 0;
    while (s[n] != 0 && n < sizeof buf - 1) {
        buf[n] = s[n];
        n++;
    }
    unsigned long sum = 0;
    for (size_t i = 0; i < n; i++) sum += (unsigned char)buf[i];
    return sum;
}

/* Writes `n` bytes into a 16-byte stack buffer: 48 reach the canary
 * above it on every architecture (gcc may pad the frame), and
 * __stack_chk_fail is called before the function would return. */
void c_smash_stack(size_t n) {
    volatile char buf[16];
    for (size_t i = 0; i < n; i++) buf[i] = 'x';
}

/* Sets errno and reads it back, as C code does around a failing call. */
int c_errno_roundtrip(int value) {
    errno = value;
    return errno;
}

/* The address of this thread's errno. */
int *c_errno_address(void) { return &errno; }
