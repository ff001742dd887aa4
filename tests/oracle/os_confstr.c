/* Writes os_confstr.txt: glibc 2.36's confstr answers on each architecture,
   which core/src/os/pathconf.rs gives and the os test program checks (the
   CS_GNU_* lines are dropped: Strata answers EINVAL there). For each
   ARCH/compiler/runner: x86_64 gcc (native), aarch64 aarch64-linux-gnu-gcc
   qemu-aarch64-static, riscv64 riscv64-linux-gnu-gcc qemu-riscv64-static,
   armv7 arm-linux-gnueabihf-gcc qemu-arm-static:

     CC -static -o cs tests/oracle/os_confstr.c
     RUNNER ./cs | grep -v GNU_ | sed "s/^_\(CS_[A-Z0-9_]*\) \?/ARCH\t\1\t/"

   appended to tests/oracle/os_confstr.txt in that order. */
#include <unistd.h>
#include <stdio.h>
#define C(n) { char b[256]; size_t r = confstr(n, b, sizeof b); printf("%s %s\n", #n, r ? b : "<0>"); }
int main(void){
C(_CS_PATH) C(_CS_GNU_LIBC_VERSION) C(_CS_GNU_LIBPTHREAD_VERSION)
C(_CS_LFS_CFLAGS) C(_CS_LFS_LDFLAGS) C(_CS_LFS_LIBS) C(_CS_LFS_LINTFLAGS)
C(_CS_LFS64_CFLAGS) C(_CS_LFS64_LDFLAGS) C(_CS_LFS64_LIBS) C(_CS_LFS64_LINTFLAGS)
C(_CS_XBS5_ILP32_OFF32_CFLAGS) C(_CS_XBS5_ILP32_OFF32_LDFLAGS) C(_CS_XBS5_ILP32_OFF32_LIBS) C(_CS_XBS5_ILP32_OFF32_LINTFLAGS)
C(_CS_XBS5_ILP32_OFFBIG_CFLAGS) C(_CS_XBS5_ILP32_OFFBIG_LDFLAGS) C(_CS_XBS5_ILP32_OFFBIG_LIBS) C(_CS_XBS5_ILP32_OFFBIG_LINTFLAGS)
C(_CS_XBS5_LP64_OFF64_CFLAGS) C(_CS_XBS5_LP64_OFF64_LDFLAGS) C(_CS_XBS5_LP64_OFF64_LIBS) C(_CS_XBS5_LP64_OFF64_LINTFLAGS)
C(_CS_XBS5_LPBIG_OFFBIG_CFLAGS) C(_CS_XBS5_LPBIG_OFFBIG_LDFLAGS) C(_CS_XBS5_LPBIG_OFFBIG_LIBS) C(_CS_XBS5_LPBIG_OFFBIG_LINTFLAGS)
return 0;}
