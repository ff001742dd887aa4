//! size_null.rs plus a gnu_getopt parse of the same arguments, errors
//! printed: the difference in size is what getopt adds (scripts/bench).
#![no_std]
#![no_main]

use strata_core::getopt::gnu_getopt;

strata_core::main!(main);

fn main() -> i32 {
    let mut args = strata_core::os::argv();
    args.next(); // the program's name
    let mut parsed = gnu_getopt(args, "ab:c::", &["verbose", "file=", "color=?"]);
    let mut total = 0;
    for item in &mut parsed {
        match item {
            Ok((_, value)) => total += 1 + value.len(),
            Err(e) => {
                strata_core::eprintln!("{e}");
                return 2;
            }
        }
    }
    total += parsed.args().map(|a| a.len()).sum::<usize>();
    strata_core::println!("{total}");
    0
}
