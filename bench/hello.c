/* The C peer of tests/src/bin/hello.rs, built with musl-gcc and gcc -static. */
#include <stdio.h>

int main(void) {
    printf("hello, world\n");
    return 0;
}
