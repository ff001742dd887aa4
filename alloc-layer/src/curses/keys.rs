//! Keys: the `KEY_*` codes and mouse masks with Python's values, the
//! decoder that turns the terminal's escape sequences into them (from
//! the entry's key capabilities, as ncurses' keypad mode), xterm's mouse
//! reports, and `keyname`.

use super::terminfo::Terminfo;
use alloc::vec::Vec;

/// `curses.KEY_BREAK`.
pub const KEY_BREAK: i32 = 257;
/// `curses.KEY_MIN`.
pub const KEY_MIN: i32 = 257;
/// `curses.KEY_DOWN`.
pub const KEY_DOWN: i32 = 258;
/// `curses.KEY_UP`.
pub const KEY_UP: i32 = 259;
/// `curses.KEY_LEFT`.
pub const KEY_LEFT: i32 = 260;
/// `curses.KEY_RIGHT`.
pub const KEY_RIGHT: i32 = 261;
/// `curses.KEY_HOME`.
pub const KEY_HOME: i32 = 262;
/// `curses.KEY_BACKSPACE`.
pub const KEY_BACKSPACE: i32 = 263;
/// `curses.KEY_F0`.
pub const KEY_F0: i32 = 264;
/// `curses.KEY_F1`.
pub const KEY_F1: i32 = 265;
/// `curses.KEY_F2`.
pub const KEY_F2: i32 = 266;
/// `curses.KEY_F3`.
pub const KEY_F3: i32 = 267;
/// `curses.KEY_F4`.
pub const KEY_F4: i32 = 268;
/// `curses.KEY_F5`.
pub const KEY_F5: i32 = 269;
/// `curses.KEY_F6`.
pub const KEY_F6: i32 = 270;
/// `curses.KEY_F7`.
pub const KEY_F7: i32 = 271;
/// `curses.KEY_F8`.
pub const KEY_F8: i32 = 272;
/// `curses.KEY_F9`.
pub const KEY_F9: i32 = 273;
/// `curses.KEY_F10`.
pub const KEY_F10: i32 = 274;
/// `curses.KEY_F11`.
pub const KEY_F11: i32 = 275;
/// `curses.KEY_F12`.
pub const KEY_F12: i32 = 276;
/// `curses.KEY_F13`.
pub const KEY_F13: i32 = 277;
/// `curses.KEY_F14`.
pub const KEY_F14: i32 = 278;
/// `curses.KEY_F15`.
pub const KEY_F15: i32 = 279;
/// `curses.KEY_F16`.
pub const KEY_F16: i32 = 280;
/// `curses.KEY_F17`.
pub const KEY_F17: i32 = 281;
/// `curses.KEY_F18`.
pub const KEY_F18: i32 = 282;
/// `curses.KEY_F19`.
pub const KEY_F19: i32 = 283;
/// `curses.KEY_F20`.
pub const KEY_F20: i32 = 284;
/// `curses.KEY_F21`.
pub const KEY_F21: i32 = 285;
/// `curses.KEY_F22`.
pub const KEY_F22: i32 = 286;
/// `curses.KEY_F23`.
pub const KEY_F23: i32 = 287;
/// `curses.KEY_F24`.
pub const KEY_F24: i32 = 288;
/// `curses.KEY_F25`.
pub const KEY_F25: i32 = 289;
/// `curses.KEY_F26`.
pub const KEY_F26: i32 = 290;
/// `curses.KEY_F27`.
pub const KEY_F27: i32 = 291;
/// `curses.KEY_F28`.
pub const KEY_F28: i32 = 292;
/// `curses.KEY_F29`.
pub const KEY_F29: i32 = 293;
/// `curses.KEY_F30`.
pub const KEY_F30: i32 = 294;
/// `curses.KEY_F31`.
pub const KEY_F31: i32 = 295;
/// `curses.KEY_F32`.
pub const KEY_F32: i32 = 296;
/// `curses.KEY_F33`.
pub const KEY_F33: i32 = 297;
/// `curses.KEY_F34`.
pub const KEY_F34: i32 = 298;
/// `curses.KEY_F35`.
pub const KEY_F35: i32 = 299;
/// `curses.KEY_F36`.
pub const KEY_F36: i32 = 300;
/// `curses.KEY_F37`.
pub const KEY_F37: i32 = 301;
/// `curses.KEY_F38`.
pub const KEY_F38: i32 = 302;
/// `curses.KEY_F39`.
pub const KEY_F39: i32 = 303;
/// `curses.KEY_F40`.
pub const KEY_F40: i32 = 304;
/// `curses.KEY_F41`.
pub const KEY_F41: i32 = 305;
/// `curses.KEY_F42`.
pub const KEY_F42: i32 = 306;
/// `curses.KEY_F43`.
pub const KEY_F43: i32 = 307;
/// `curses.KEY_F44`.
pub const KEY_F44: i32 = 308;
/// `curses.KEY_F45`.
pub const KEY_F45: i32 = 309;
/// `curses.KEY_F46`.
pub const KEY_F46: i32 = 310;
/// `curses.KEY_F47`.
pub const KEY_F47: i32 = 311;
/// `curses.KEY_F48`.
pub const KEY_F48: i32 = 312;
/// `curses.KEY_F49`.
pub const KEY_F49: i32 = 313;
/// `curses.KEY_F50`.
pub const KEY_F50: i32 = 314;
/// `curses.KEY_F51`.
pub const KEY_F51: i32 = 315;
/// `curses.KEY_F52`.
pub const KEY_F52: i32 = 316;
/// `curses.KEY_F53`.
pub const KEY_F53: i32 = 317;
/// `curses.KEY_F54`.
pub const KEY_F54: i32 = 318;
/// `curses.KEY_F55`.
pub const KEY_F55: i32 = 319;
/// `curses.KEY_F56`.
pub const KEY_F56: i32 = 320;
/// `curses.KEY_F57`.
pub const KEY_F57: i32 = 321;
/// `curses.KEY_F58`.
pub const KEY_F58: i32 = 322;
/// `curses.KEY_F59`.
pub const KEY_F59: i32 = 323;
/// `curses.KEY_F60`.
pub const KEY_F60: i32 = 324;
/// `curses.KEY_F61`.
pub const KEY_F61: i32 = 325;
/// `curses.KEY_F62`.
pub const KEY_F62: i32 = 326;
/// `curses.KEY_F63`.
pub const KEY_F63: i32 = 327;
/// `curses.KEY_DL`.
pub const KEY_DL: i32 = 328;
/// `curses.KEY_IL`.
pub const KEY_IL: i32 = 329;
/// `curses.KEY_DC`.
pub const KEY_DC: i32 = 330;
/// `curses.KEY_IC`.
pub const KEY_IC: i32 = 331;
/// `curses.KEY_EIC`.
pub const KEY_EIC: i32 = 332;
/// `curses.KEY_CLEAR`.
pub const KEY_CLEAR: i32 = 333;
/// `curses.KEY_EOS`.
pub const KEY_EOS: i32 = 334;
/// `curses.KEY_EOL`.
pub const KEY_EOL: i32 = 335;
/// `curses.KEY_SF`.
pub const KEY_SF: i32 = 336;
/// `curses.KEY_SR`.
pub const KEY_SR: i32 = 337;
/// `curses.KEY_NPAGE`.
pub const KEY_NPAGE: i32 = 338;
/// `curses.KEY_PPAGE`.
pub const KEY_PPAGE: i32 = 339;
/// `curses.KEY_STAB`.
pub const KEY_STAB: i32 = 340;
/// `curses.KEY_CTAB`.
pub const KEY_CTAB: i32 = 341;
/// `curses.KEY_CATAB`.
pub const KEY_CATAB: i32 = 342;
/// `curses.KEY_ENTER`.
pub const KEY_ENTER: i32 = 343;
/// `curses.KEY_SRESET`.
pub const KEY_SRESET: i32 = 344;
/// `curses.KEY_RESET`.
pub const KEY_RESET: i32 = 345;
/// `curses.KEY_PRINT`.
pub const KEY_PRINT: i32 = 346;
/// `curses.KEY_LL`.
pub const KEY_LL: i32 = 347;
/// `curses.KEY_A1`.
pub const KEY_A1: i32 = 348;
/// `curses.KEY_A3`.
pub const KEY_A3: i32 = 349;
/// `curses.KEY_B2`.
pub const KEY_B2: i32 = 350;
/// `curses.KEY_C1`.
pub const KEY_C1: i32 = 351;
/// `curses.KEY_C3`.
pub const KEY_C3: i32 = 352;
/// `curses.KEY_BTAB`.
pub const KEY_BTAB: i32 = 353;
/// `curses.KEY_BEG`.
pub const KEY_BEG: i32 = 354;
/// `curses.KEY_CANCEL`.
pub const KEY_CANCEL: i32 = 355;
/// `curses.KEY_CLOSE`.
pub const KEY_CLOSE: i32 = 356;
/// `curses.KEY_COMMAND`.
pub const KEY_COMMAND: i32 = 357;
/// `curses.KEY_COPY`.
pub const KEY_COPY: i32 = 358;
/// `curses.KEY_CREATE`.
pub const KEY_CREATE: i32 = 359;
/// `curses.KEY_END`.
pub const KEY_END: i32 = 360;
/// `curses.KEY_EXIT`.
pub const KEY_EXIT: i32 = 361;
/// `curses.KEY_FIND`.
pub const KEY_FIND: i32 = 362;
/// `curses.KEY_HELP`.
pub const KEY_HELP: i32 = 363;
/// `curses.KEY_MARK`.
pub const KEY_MARK: i32 = 364;
/// `curses.KEY_MESSAGE`.
pub const KEY_MESSAGE: i32 = 365;
/// `curses.KEY_MOVE`.
pub const KEY_MOVE: i32 = 366;
/// `curses.KEY_NEXT`.
pub const KEY_NEXT: i32 = 367;
/// `curses.KEY_OPEN`.
pub const KEY_OPEN: i32 = 368;
/// `curses.KEY_OPTIONS`.
pub const KEY_OPTIONS: i32 = 369;
/// `curses.KEY_PREVIOUS`.
pub const KEY_PREVIOUS: i32 = 370;
/// `curses.KEY_REDO`.
pub const KEY_REDO: i32 = 371;
/// `curses.KEY_REFERENCE`.
pub const KEY_REFERENCE: i32 = 372;
/// `curses.KEY_REFRESH`.
pub const KEY_REFRESH: i32 = 373;
/// `curses.KEY_REPLACE`.
pub const KEY_REPLACE: i32 = 374;
/// `curses.KEY_RESTART`.
pub const KEY_RESTART: i32 = 375;
/// `curses.KEY_RESUME`.
pub const KEY_RESUME: i32 = 376;
/// `curses.KEY_SAVE`.
pub const KEY_SAVE: i32 = 377;
/// `curses.KEY_SBEG`.
pub const KEY_SBEG: i32 = 378;
/// `curses.KEY_SCANCEL`.
pub const KEY_SCANCEL: i32 = 379;
/// `curses.KEY_SCOMMAND`.
pub const KEY_SCOMMAND: i32 = 380;
/// `curses.KEY_SCOPY`.
pub const KEY_SCOPY: i32 = 381;
/// `curses.KEY_SCREATE`.
pub const KEY_SCREATE: i32 = 382;
/// `curses.KEY_SDC`.
pub const KEY_SDC: i32 = 383;
/// `curses.KEY_SDL`.
pub const KEY_SDL: i32 = 384;
/// `curses.KEY_SELECT`.
pub const KEY_SELECT: i32 = 385;
/// `curses.KEY_SEND`.
pub const KEY_SEND: i32 = 386;
/// `curses.KEY_SEOL`.
pub const KEY_SEOL: i32 = 387;
/// `curses.KEY_SEXIT`.
pub const KEY_SEXIT: i32 = 388;
/// `curses.KEY_SFIND`.
pub const KEY_SFIND: i32 = 389;
/// `curses.KEY_SHELP`.
pub const KEY_SHELP: i32 = 390;
/// `curses.KEY_SHOME`.
pub const KEY_SHOME: i32 = 391;
/// `curses.KEY_SIC`.
pub const KEY_SIC: i32 = 392;
/// `curses.KEY_SLEFT`.
pub const KEY_SLEFT: i32 = 393;
/// `curses.KEY_SMESSAGE`.
pub const KEY_SMESSAGE: i32 = 394;
/// `curses.KEY_SMOVE`.
pub const KEY_SMOVE: i32 = 395;
/// `curses.KEY_SNEXT`.
pub const KEY_SNEXT: i32 = 396;
/// `curses.KEY_SOPTIONS`.
pub const KEY_SOPTIONS: i32 = 397;
/// `curses.KEY_SPREVIOUS`.
pub const KEY_SPREVIOUS: i32 = 398;
/// `curses.KEY_SPRINT`.
pub const KEY_SPRINT: i32 = 399;
/// `curses.KEY_SREDO`.
pub const KEY_SREDO: i32 = 400;
/// `curses.KEY_SREPLACE`.
pub const KEY_SREPLACE: i32 = 401;
/// `curses.KEY_SRIGHT`.
pub const KEY_SRIGHT: i32 = 402;
/// `curses.KEY_SRSUME`.
pub const KEY_SRSUME: i32 = 403;
/// `curses.KEY_SSAVE`.
pub const KEY_SSAVE: i32 = 404;
/// `curses.KEY_SSUSPEND`.
pub const KEY_SSUSPEND: i32 = 405;
/// `curses.KEY_SUNDO`.
pub const KEY_SUNDO: i32 = 406;
/// `curses.KEY_SUSPEND`.
pub const KEY_SUSPEND: i32 = 407;
/// `curses.KEY_UNDO`.
pub const KEY_UNDO: i32 = 408;
/// `curses.KEY_MOUSE`.
pub const KEY_MOUSE: i32 = 409;
/// `curses.KEY_RESIZE`.
pub const KEY_RESIZE: i32 = 410;
/// `curses.KEY_MAX`.
pub const KEY_MAX: i32 = 511;
/// `curses.ALL_MOUSE_EVENTS`.
pub const ALL_MOUSE_EVENTS: u32 = 0xfffffff;
/// `curses.BUTTON1_CLICKED`.
pub const BUTTON1_CLICKED: u32 = 0x4;
/// `curses.BUTTON1_DOUBLE_CLICKED`.
pub const BUTTON1_DOUBLE_CLICKED: u32 = 0x8;
/// `curses.BUTTON1_PRESSED`.
pub const BUTTON1_PRESSED: u32 = 0x2;
/// `curses.BUTTON1_RELEASED`.
pub const BUTTON1_RELEASED: u32 = 0x1;
/// `curses.BUTTON1_TRIPLE_CLICKED`.
pub const BUTTON1_TRIPLE_CLICKED: u32 = 0x10;
/// `curses.BUTTON2_CLICKED`.
pub const BUTTON2_CLICKED: u32 = 0x80;
/// `curses.BUTTON2_DOUBLE_CLICKED`.
pub const BUTTON2_DOUBLE_CLICKED: u32 = 0x100;
/// `curses.BUTTON2_PRESSED`.
pub const BUTTON2_PRESSED: u32 = 0x40;
/// `curses.BUTTON2_RELEASED`.
pub const BUTTON2_RELEASED: u32 = 0x20;
/// `curses.BUTTON2_TRIPLE_CLICKED`.
pub const BUTTON2_TRIPLE_CLICKED: u32 = 0x200;
/// `curses.BUTTON3_CLICKED`.
pub const BUTTON3_CLICKED: u32 = 0x1000;
/// `curses.BUTTON3_DOUBLE_CLICKED`.
pub const BUTTON3_DOUBLE_CLICKED: u32 = 0x2000;
/// `curses.BUTTON3_PRESSED`.
pub const BUTTON3_PRESSED: u32 = 0x800;
/// `curses.BUTTON3_RELEASED`.
pub const BUTTON3_RELEASED: u32 = 0x400;
/// `curses.BUTTON3_TRIPLE_CLICKED`.
pub const BUTTON3_TRIPLE_CLICKED: u32 = 0x4000;
/// `curses.BUTTON4_CLICKED`.
pub const BUTTON4_CLICKED: u32 = 0x20000;
/// `curses.BUTTON4_DOUBLE_CLICKED`.
pub const BUTTON4_DOUBLE_CLICKED: u32 = 0x40000;
/// `curses.BUTTON4_PRESSED`.
pub const BUTTON4_PRESSED: u32 = 0x10000;
/// `curses.BUTTON4_RELEASED`.
pub const BUTTON4_RELEASED: u32 = 0x8000;
/// `curses.BUTTON4_TRIPLE_CLICKED`.
pub const BUTTON4_TRIPLE_CLICKED: u32 = 0x80000;
/// `curses.BUTTON5_CLICKED`.
pub const BUTTON5_CLICKED: u32 = 0x400000;
/// `curses.BUTTON5_DOUBLE_CLICKED`.
pub const BUTTON5_DOUBLE_CLICKED: u32 = 0x800000;
/// `curses.BUTTON5_PRESSED`.
pub const BUTTON5_PRESSED: u32 = 0x200000;
/// `curses.BUTTON5_RELEASED`.
pub const BUTTON5_RELEASED: u32 = 0x100000;
/// `curses.BUTTON5_TRIPLE_CLICKED`.
pub const BUTTON5_TRIPLE_CLICKED: u32 = 0x1000000;
/// `curses.BUTTON_ALT`.
pub const BUTTON_ALT: u32 = 0x8000000;
/// `curses.BUTTON_CTRL`.
pub const BUTTON_CTRL: u32 = 0x2000000;
/// `curses.BUTTON_SHIFT`.
pub const BUTTON_SHIFT: u32 = 0x4000000;
/// `curses.REPORT_MOUSE_POSITION`.
pub const REPORT_MOUSE_POSITION: u32 = 0x10000000;

/// Every mouse event and motion reports: what `mousemask` can turn on.
pub(crate) const ALL_MOUSE_EVENTS_AND_POSITION: u32 = ALL_MOUSE_EVENTS | REPORT_MOUSE_POSITION;

/// `KEY_F(n)`: the code of function key `n` (0–63).
pub const fn key_f(n: i32) -> i32 {
    KEY_F0 + n
}

/// The standard key capabilities and their codes (terminfo(5), ncurses'
/// `keys.list`).
const KEY_CAPS: [(&str, i32); 150] = [
    ("kbs", KEY_BACKSPACE),
    ("kcub1", KEY_LEFT),
    ("kcud1", KEY_DOWN),
    ("kcuf1", KEY_RIGHT),
    ("kcuu1", KEY_UP),
    ("khome", KEY_HOME),
    ("kend", KEY_END),
    ("knp", KEY_NPAGE),
    ("kpp", KEY_PPAGE),
    ("kdch1", KEY_DC),
    ("kich1", KEY_IC),
    ("kent", KEY_ENTER),
    ("kcbt", KEY_BTAB),
    ("kb2", KEY_B2),
    ("ka1", KEY_A1),
    ("ka3", KEY_A3),
    ("kc1", KEY_C1),
    ("kc3", KEY_C3),
    ("kbeg", KEY_BEG),
    ("kcan", KEY_CANCEL),
    ("kclo", KEY_CLOSE),
    ("kclr", KEY_CLEAR),
    ("kcmd", KEY_COMMAND),
    ("kcpy", KEY_COPY),
    ("kcrt", KEY_CREATE),
    ("kctab", KEY_CTAB),
    ("kdl1", KEY_DL),
    ("ked", KEY_EOS),
    ("kel", KEY_EOL),
    ("kext", KEY_EXIT),
    ("kfnd", KEY_FIND),
    ("khlp", KEY_HELP),
    ("khts", KEY_STAB),
    ("kil1", KEY_IL),
    ("kind", KEY_SF),
    ("kri", KEY_SR),
    ("kll", KEY_LL),
    ("kmov", KEY_MOVE),
    ("kmrk", KEY_MARK),
    ("kmsg", KEY_MESSAGE),
    ("knxt", KEY_NEXT),
    ("kopn", KEY_OPEN),
    ("kopt", KEY_OPTIONS),
    ("kprv", KEY_PREVIOUS),
    ("kprt", KEY_PRINT),
    ("krdo", KEY_REDO),
    ("kref", KEY_REFERENCE),
    ("krfr", KEY_REFRESH),
    ("krmir", KEY_EIC),
    ("krpl", KEY_REPLACE),
    ("krst", KEY_RESTART),
    ("kres", KEY_RESUME),
    ("ksav", KEY_SAVE),
    ("kslt", KEY_SELECT),
    ("kspd", KEY_SUSPEND),
    ("ktbc", KEY_CATAB),
    ("kund", KEY_UNDO),
    ("kBEG", KEY_SBEG),
    ("kCAN", KEY_SCANCEL),
    ("kCMD", KEY_SCOMMAND),
    ("kCPY", KEY_SCOPY),
    ("kCRT", KEY_SCREATE),
    ("kDC", KEY_SDC),
    ("kDL", KEY_SDL),
    ("kEND", KEY_SEND),
    ("kEOL", KEY_SEOL),
    ("kEXT", KEY_SEXIT),
    ("kFND", KEY_SFIND),
    ("kHLP", KEY_SHELP),
    ("kHOM", KEY_SHOME),
    ("kIC", KEY_SIC),
    ("kLFT", KEY_SLEFT),
    ("kMSG", KEY_SMESSAGE),
    ("kMOV", KEY_SMOVE),
    ("kNXT", KEY_SNEXT),
    ("kOPT", KEY_SOPTIONS),
    ("kPRV", KEY_SPREVIOUS),
    ("kPRT", KEY_SPRINT),
    ("kRDO", KEY_SREDO),
    ("kRPL", KEY_SREPLACE),
    ("kRIT", KEY_SRIGHT),
    ("kRES", KEY_SRSUME),
    ("kSAV", KEY_SSAVE),
    ("kSPD", KEY_SSUSPEND),
    ("kUND", KEY_SUNDO),
    ("kmous", KEY_MOUSE),
    ("kf0", 264),
    ("kf1", 265),
    ("kf2", 266),
    ("kf3", 267),
    ("kf4", 268),
    ("kf5", 269),
    ("kf6", 270),
    ("kf7", 271),
    ("kf8", 272),
    ("kf9", 273),
    ("kf10", 274),
    ("kf11", 275),
    ("kf12", 276),
    ("kf13", 277),
    ("kf14", 278),
    ("kf15", 279),
    ("kf16", 280),
    ("kf17", 281),
    ("kf18", 282),
    ("kf19", 283),
    ("kf20", 284),
    ("kf21", 285),
    ("kf22", 286),
    ("kf23", 287),
    ("kf24", 288),
    ("kf25", 289),
    ("kf26", 290),
    ("kf27", 291),
    ("kf28", 292),
    ("kf29", 293),
    ("kf30", 294),
    ("kf31", 295),
    ("kf32", 296),
    ("kf33", 297),
    ("kf34", 298),
    ("kf35", 299),
    ("kf36", 300),
    ("kf37", 301),
    ("kf38", 302),
    ("kf39", 303),
    ("kf40", 304),
    ("kf41", 305),
    ("kf42", 306),
    ("kf43", 307),
    ("kf44", 308),
    ("kf45", 309),
    ("kf46", 310),
    ("kf47", 311),
    ("kf48", 312),
    ("kf49", 313),
    ("kf50", 314),
    ("kf51", 315),
    ("kf52", 316),
    ("kf53", 317),
    ("kf54", 318),
    ("kf55", 319),
    ("kf56", 320),
    ("kf57", 321),
    ("kf58", 322),
    ("kf59", 323),
    ("kf60", 324),
    ("kf61", 325),
    ("kf62", 326),
    ("kf63", 327),
];

/// The names `keyname` gives codes KEY_MIN..=KEY_RESIZE, from Python.
const NAMES: [&str; 154] = [
    "KEY_BREAK",
    "KEY_DOWN",
    "KEY_UP",
    "KEY_LEFT",
    "KEY_RIGHT",
    "KEY_HOME",
    "KEY_BACKSPACE",
    "KEY_F(0)",
    "KEY_F(1)",
    "KEY_F(2)",
    "KEY_F(3)",
    "KEY_F(4)",
    "KEY_F(5)",
    "KEY_F(6)",
    "KEY_F(7)",
    "KEY_F(8)",
    "KEY_F(9)",
    "KEY_F(10)",
    "KEY_F(11)",
    "KEY_F(12)",
    "KEY_F(13)",
    "KEY_F(14)",
    "KEY_F(15)",
    "KEY_F(16)",
    "KEY_F(17)",
    "KEY_F(18)",
    "KEY_F(19)",
    "KEY_F(20)",
    "KEY_F(21)",
    "KEY_F(22)",
    "KEY_F(23)",
    "KEY_F(24)",
    "KEY_F(25)",
    "KEY_F(26)",
    "KEY_F(27)",
    "KEY_F(28)",
    "KEY_F(29)",
    "KEY_F(30)",
    "KEY_F(31)",
    "KEY_F(32)",
    "KEY_F(33)",
    "KEY_F(34)",
    "KEY_F(35)",
    "KEY_F(36)",
    "KEY_F(37)",
    "KEY_F(38)",
    "KEY_F(39)",
    "KEY_F(40)",
    "KEY_F(41)",
    "KEY_F(42)",
    "KEY_F(43)",
    "KEY_F(44)",
    "KEY_F(45)",
    "KEY_F(46)",
    "KEY_F(47)",
    "KEY_F(48)",
    "KEY_F(49)",
    "KEY_F(50)",
    "KEY_F(51)",
    "KEY_F(52)",
    "KEY_F(53)",
    "KEY_F(54)",
    "KEY_F(55)",
    "KEY_F(56)",
    "KEY_F(57)",
    "KEY_F(58)",
    "KEY_F(59)",
    "KEY_F(60)",
    "KEY_F(61)",
    "KEY_F(62)",
    "KEY_F(63)",
    "KEY_DL",
    "KEY_IL",
    "KEY_DC",
    "KEY_IC",
    "KEY_EIC",
    "KEY_CLEAR",
    "KEY_EOS",
    "KEY_EOL",
    "KEY_SF",
    "KEY_SR",
    "KEY_NPAGE",
    "KEY_PPAGE",
    "KEY_STAB",
    "KEY_CTAB",
    "KEY_CATAB",
    "KEY_ENTER",
    "KEY_SRESET",
    "KEY_RESET",
    "KEY_PRINT",
    "KEY_LL",
    "KEY_A1",
    "KEY_A3",
    "KEY_B2",
    "KEY_C1",
    "KEY_C3",
    "KEY_BTAB",
    "KEY_BEG",
    "KEY_CANCEL",
    "KEY_CLOSE",
    "KEY_COMMAND",
    "KEY_COPY",
    "KEY_CREATE",
    "KEY_END",
    "KEY_EXIT",
    "KEY_FIND",
    "KEY_HELP",
    "KEY_MARK",
    "KEY_MESSAGE",
    "KEY_MOVE",
    "KEY_NEXT",
    "KEY_OPEN",
    "KEY_OPTIONS",
    "KEY_PREVIOUS",
    "KEY_REDO",
    "KEY_REFERENCE",
    "KEY_REFRESH",
    "KEY_REPLACE",
    "KEY_RESTART",
    "KEY_RESUME",
    "KEY_SAVE",
    "KEY_SBEG",
    "KEY_SCANCEL",
    "KEY_SCOMMAND",
    "KEY_SCOPY",
    "KEY_SCREATE",
    "KEY_SDC",
    "KEY_SDL",
    "KEY_SELECT",
    "KEY_SEND",
    "KEY_SEOL",
    "KEY_SEXIT",
    "KEY_SFIND",
    "KEY_SHELP",
    "KEY_SHOME",
    "KEY_SIC",
    "KEY_SLEFT",
    "KEY_SMESSAGE",
    "KEY_SMOVE",
    "KEY_SNEXT",
    "KEY_SOPTIONS",
    "KEY_SPREVIOUS",
    "KEY_SPRINT",
    "KEY_SREDO",
    "KEY_SREPLACE",
    "KEY_SRIGHT",
    "KEY_SRSUME",
    "KEY_SSAVE",
    "KEY_SSUSPEND",
    "KEY_SUNDO",
    "KEY_SUSPEND",
    "KEY_UNDO",
    "KEY_MOUSE",
    "KEY_RESIZE",
];

/// A mouse report as `getmouse` returns it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct MouseEvent {
    pub id: i16,
    pub x: i32,
    pub y: i32,
    pub z: i32,
    pub bstate: u32,
}

/// What the start of the pending input is.
pub(crate) enum Decoded {
    /// A key's whole sequence, `len` bytes.
    Key { code: i32, len: usize },
    /// A whole mouse report.
    Mouse { event: MouseEvent, len: usize },
    /// The start of a sequence: wait (`ESCDELAY`) for the rest.
    Prefix,
    /// No sequence starts here: the first byte is a key of its own.
    Byte,
}

/// The terminal's key sequences, longest first among equals so that a
/// match is the longest one.
pub(crate) struct KeyMap {
    keys: Vec<(Vec<u8>, i32)>,
    /// The mouse report's introducer (`kmous`), if the terminal has one.
    mouse: Option<Vec<u8>>,
}

impl KeyMap {
    /// The key capabilities of `ti`, standard and extended (`kUP5`, …,
    /// which get the codes past `KEY_MAX` that ncurses gives them, in
    /// the entry's order).
    pub(crate) fn new(ti: &Terminfo) -> KeyMap {
        let mut keys: Vec<(Vec<u8>, i32)> = Vec::new();
        let mut mouse = None;
        for (cap, code) in KEY_CAPS {
            if let Some(seq) = ti.string(cap).filter(|s| !s.is_empty()) {
                if code == KEY_MOUSE {
                    mouse = Some(seq.to_vec());
                } else {
                    keys.push((seq.to_vec(), code));
                }
            }
        }
        let mut next = KEY_MAX + 1;
        for (name, seq) in ti.extended_strings() {
            if name.starts_with('k') && !seq.is_empty() {
                keys.push((seq.to_vec(), next));
                next += 1;
            }
        }
        // The first capability with a sequence wins, as in ncurses' trie.
        let mut seen: Vec<(Vec<u8>, i32)> = Vec::with_capacity(keys.len());
        for (seq, code) in keys {
            if !seen.iter().any(|(s, _)| *s == seq) {
                seen.push((seq, code));
            }
        }
        seen.sort_by_key(|(s, _)| core::cmp::Reverse(s.len()));
        KeyMap { keys: seen, mouse }
    }

    /// Decodes the start of `bytes`: the longest key sequence it begins
    /// with, a mouse report, a prefix of one, or a plain byte.
    pub(crate) fn decode(&self, bytes: &[u8]) -> Decoded {
        if bytes.is_empty() {
            return Decoded::Byte;
        }
        if let Some(intro) = &self.mouse {
            match mouse_report(intro, bytes) {
                Report::Whole(event, len) => return Decoded::Mouse { event, len },
                Report::Partial => return Decoded::Prefix,
                Report::No => {}
            }
        }
        // Sorted longest first: the first sequence `bytes` starts with is
        // the longest match.
        if let Some((seq, code)) = self.keys.iter().find(|(s, _)| bytes.starts_with(s)) {
            return Decoded::Key {
                code: *code,
                len: seq.len(),
            };
        }
        if self.keys.iter().any(|(s, _)| s.starts_with(bytes)) {
            return Decoded::Prefix;
        }
        Decoded::Byte
    }

    /// Whether some key of the terminal sends `code` (`curses.has_key`).
    pub(crate) fn has_code(&self, code: i32) -> bool {
        (code == KEY_MOUSE && self.mouse.is_some()) || self.keys.iter().any(|&(_, c)| c == code)
    }
}

enum Report {
    Whole(MouseEvent, usize),
    Partial,
    No,
}

/// An xterm mouse report after `intro` (`kmous`): SGR (`\e[<b;x;yM`, `m`
/// on release) or X10 (`\e[M` and three bytes, each plus 32).
fn mouse_report(intro: &[u8], bytes: &[u8]) -> Report {
    const SGR: &[u8] = b"\x1b[<";
    const X10: &[u8] = b"\x1b[M";
    for form in [SGR, X10] {
        if !(intro == form || intro == b"\x1b[M" || intro == SGR) {
            continue;
        }
        if bytes.len() < form.len() {
            if form.starts_with(bytes) {
                return Report::Partial;
            }
            continue;
        }
        if !bytes.starts_with(form) {
            continue;
        }
        let rest = &bytes[form.len()..];
        return if form == SGR {
            sgr(rest, form.len())
        } else {
            x10(rest, form.len())
        };
    }
    Report::No
}

fn sgr(rest: &[u8], intro_len: usize) -> Report {
    let mut fields = [0i32; 3];
    let mut i = 0;
    let mut digits = 0;
    for (pos, &b) in rest.iter().enumerate() {
        match b {
            b'0'..=b'9' if digits < 6 => {
                fields[i] = fields[i] * 10 + i32::from(b - b'0');
                digits += 1;
            }
            b';' if i < 2 && digits > 0 => {
                i += 1;
                digits = 0;
            }
            b'M' | b'm' if i == 2 && digits > 0 => {
                let [button, x, y] = fields;
                let event = event(button, x - 1, y - 1, b == b'm');
                return Report::Whole(event, intro_len + pos + 1);
            }
            _ => return Report::No,
        }
    }
    Report::Partial
}

fn x10(rest: &[u8], intro_len: usize) -> Report {
    match rest {
        [b, x, y, ..] if *b >= 32 && *x >= 33 && *y >= 33 => {
            let button = i32::from(*b - 32);
            // Button bits 3 are a release of whichever was pressed.
            let release = button & 3 == 3 && button & 64 == 0;
            let e = event(button, i32::from(*x) - 33, i32::from(*y) - 33, release);
            Report::Whole(e, intro_len + 3)
        }
        [_, _, _, ..] => Report::No,
        _ => Report::Partial,
    }
}

/// ncurses' reading of xterm's button byte: low two bits the button
/// (with 64, the wheel: 4 and 5), 32 motion, 4 shift, 8 alt, 16 ctrl.
fn event(button: i32, x: i32, y: i32, release: bool) -> MouseEvent {
    let mut bstate = if button & 32 != 0 {
        REPORT_MOUSE_POSITION
    } else if button & 64 != 0 {
        if button & 1 == 0 {
            BUTTON4_PRESSED
        } else {
            BUTTON5_PRESSED
        }
    } else {
        let n = button & 3;
        match (n, release) {
            (0, false) => BUTTON1_PRESSED,
            (1, false) => BUTTON2_PRESSED,
            (2, false) => BUTTON3_PRESSED,
            (0, true) | (3, true) => BUTTON1_RELEASED,
            (1, true) => BUTTON2_RELEASED,
            (2, true) => BUTTON3_RELEASED,
            _ => BUTTON1_RELEASED,
        }
    };
    if button & 4 != 0 {
        bstate |= BUTTON_SHIFT;
    }
    if button & 8 != 0 {
        bstate |= BUTTON_ALT;
    }
    if button & 16 != 0 {
        bstate |= BUTTON_CTRL;
    }
    MouseEvent {
        id: 0,
        x,
        y,
        z: 0,
        bstate,
    }
}

/// The first character of some bytes read as UTF-8.
pub(crate) enum Utf8 {
    Char(char),
    /// A character's first bytes: wait for the rest.
    Prefix,
    Invalid,
}

pub(crate) fn decode_utf8(bytes: &[u8]) -> Utf8 {
    let Some(&first) = bytes.first() else {
        return Utf8::Prefix;
    };
    let need = match first {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return Utf8::Invalid,
    };
    let head = &bytes[..need.min(bytes.len())];
    match core::str::from_utf8(head) {
        Ok(s) => s.chars().next().map_or(Utf8::Prefix, Utf8::Char),
        Err(e) if e.error_len().is_none() => Utf8::Prefix,
        Err(_) => Utf8::Invalid,
    }
}

/// `curses.keyname(k)`—the name of key code `k`: `b"^A"` for a control,
/// `b"M-x"` for a byte past 127, `b"KEY_UP"` or `b"KEY_F(1)"` for a
/// function key, `b""` for a code with no name; `None` for a negative
/// code (Python's `ValueError`).
pub fn keyname(code: i32) -> Option<Vec<u8>> {
    let byte = |b: u8| -> Vec<u8> {
        match b {
            0x7f => b"^?".to_vec(),
            0..=0x1f => alloc::vec![b'^', b + 0x40],
            b => alloc::vec![b],
        }
    };
    match code {
        ..0 => None,
        0..=127 => Some(byte(code as u8)),
        128..=255 => {
            let mut name = b"M-".to_vec();
            name.extend(byte(code as u8 - 128));
            Some(name)
        }
        KEY_MIN..=KEY_RESIZE => Some(NAMES[(code - KEY_MIN) as usize].as_bytes().to_vec()),
        _ => Some(Vec::new()),
    }
}

/// What turns xterm's mouse reports on or off: the entry's `XM`, else
/// the normal-tracking mode with SGR reports.
pub(crate) fn mouse_mode_sequence(xm: &Option<Vec<u8>>, on: bool) -> Vec<u8> {
    if let Some(out) = super::caps::Caps::param(xm, &[i64::from(on)]) {
        return out;
    }
    if on {
        b"\x1b[?1000h\x1b[?1006h".to_vec()
    } else {
        b"\x1b[?1006l\x1b[?1000l".to_vec()
    }
}

/// For the fuzz target: decodes all of `input` with the keys of the
/// compiled entry `entry` (xterm-256color's built-in one if it does not
/// parse), each step taking at least one byte.
#[doc(hidden)]
pub fn fuzz_decode(entry: &[u8], input: &[u8]) -> Vec<i32> {
    let ti = Terminfo::parse(entry)
        .or_else(|_| Terminfo::parse(include_bytes!("terminfo/builtin/xterm-256color")))
        .expect("the built-in entry parses");
    let map = KeyMap::new(&ti);
    let mut codes = Vec::new();
    let mut rest = input;
    while let Some(&first) = rest.first() {
        let len = match map.decode(rest) {
            Decoded::Key { code, len } => {
                codes.push(code);
                len
            }
            Decoded::Mouse { len, .. } => {
                codes.push(KEY_MOUSE);
                len
            }
            Decoded::Prefix | Decoded::Byte => {
                codes.push(i32::from(first));
                1
            }
        };
        assert!(
            len >= 1 && len <= rest.len(),
            "a decode step takes bytes it has"
        );
        rest = &rest[len..];
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(term: &str) -> KeyMap {
        let data = crate::curses::terminfo::find(term).expect("entry");
        KeyMap::new(&Terminfo::parse(&data).unwrap())
    }

    fn key(m: &KeyMap, bytes: &[u8]) -> Option<(i32, usize)> {
        match m.decode(bytes) {
            Decoded::Key { code, len } => Some((code, len)),
            _ => None,
        }
    }

    #[test]
    fn xterm_keys() {
        let m = map("xterm-256color");
        assert_eq!(key(&m, b"\x1bOA"), Some((KEY_UP, 3)));
        assert_eq!(key(&m, b"\x1bOBrest"), Some((KEY_DOWN, 3)));
        assert_eq!(key(&m, b"\x1bOP"), Some((key_f(1), 3)));
        assert_eq!(key(&m, b"\x1b[15~"), Some((key_f(5), 5)));
        assert_eq!(key(&m, b"\x1b[3~"), Some((KEY_DC, 4)));
        assert_eq!(key(&m, b"\x1bOH"), Some((KEY_HOME, 3)));
        assert_eq!(key(&m, b"\x7f"), Some((KEY_BACKSPACE, 1)));
        // Ctrl-Up: an extended capability (kUP5), past KEY_MAX.
        assert!(matches!(key(&m, b"\x1b[1;5A"), Some((c, 6)) if c > KEY_MAX));
        assert!(matches!(m.decode(b"\x1b"), Decoded::Prefix));
        assert!(matches!(m.decode(b"\x1b[1"), Decoded::Prefix));
        assert!(matches!(m.decode(b"a"), Decoded::Byte));
        assert!(matches!(m.decode(b"\x1bx"), Decoded::Byte));
        assert!(m.has_code(KEY_UP) && m.has_code(KEY_MOUSE) && !m.has_code(KEY_RESIZE));
    }

    #[test]
    fn other_terminals() {
        let linux = map("linux");
        assert_eq!(key(&linux, b"\x1b[A"), Some((KEY_UP, 3)));
        assert_eq!(key(&linux, b"\x1b[[A"), Some((key_f(1), 4)));
        let vt100 = map("vt100");
        assert_eq!(key(&vt100, b"\x1bOA"), Some((KEY_UP, 3)));
        assert!(!vt100.has_code(KEY_MOUSE));
        let screen = map("screen");
        assert_eq!(key(&screen, b"\x1bOA"), Some((KEY_UP, 3)));
    }

    #[test]
    fn mouse_reports() {
        let m = map("xterm-256color");
        let Decoded::Mouse { event, len } = m.decode(b"\x1b[<0;10;5Mx") else {
            panic!("an SGR press");
        };
        assert_eq!(
            (event.x, event.y, event.bstate, len),
            (9, 4, BUTTON1_PRESSED, 10)
        );
        let Decoded::Mouse { event, .. } = m.decode(b"\x1b[<2;1;1m") else {
            panic!("an SGR release");
        };
        assert_eq!(event.bstate, BUTTON3_RELEASED);
        let Decoded::Mouse { event, .. } = m.decode(b"\x1b[<80;3;4M") else {
            panic!("ctrl + wheel up");
        };
        assert_eq!(event.bstate, BUTTON4_PRESSED | BUTTON_CTRL);
        assert!(matches!(m.decode(b"\x1b[<0;10"), Decoded::Prefix));
        assert!(matches!(m.decode(b"\x1b[<0;;5M"), Decoded::Byte));
        assert!(matches!(m.decode(b"\x1b[<99999999;1;1M"), Decoded::Byte));
        assert_eq!(
            mouse_mode_sequence(&Some(b"\x1b[?1006;1000%?%p1%{1}%=%th%el%;".to_vec()), true),
            b"\x1b[?1006;1000h"
        );
    }

    #[test]
    fn utf8() {
        assert!(matches!(decode_utf8("é".as_bytes()), Utf8::Char('é')));
        assert!(matches!(decode_utf8(&[0xe6, 0xbc]), Utf8::Prefix));
        assert!(matches!(decode_utf8(&[0xc0, 0x80]), Utf8::Invalid));
        assert!(matches!(decode_utf8(&[0xed, 0xa0, 0x80]), Utf8::Invalid));
        assert!(matches!(decode_utf8(&[0xff]), Utf8::Invalid));
        assert!(matches!(decode_utf8(b"a\xff"), Utf8::Char('a')));
    }

    /// Every code from -2 to 599 and a few past, against Python's
    /// `curses.keyname` (tests/oracle/curses_keyname.txt: code, then the
    /// name in hex or ERR).
    #[test]
    fn keyname_as_python() {
        let oracle = include_str!("../../../tests/oracle/curses_keyname.txt");
        for line in oracle.lines() {
            let mut f = line.split(' ');
            let code: i32 = f.next().unwrap().parse().unwrap();
            let want = match f.next() {
                Some("ERR") => None,
                Some(hex) => Some(
                    (0..hex.len() / 2)
                        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
                        .collect::<Vec<u8>>(),
                ),
                None => Some(Vec::new()),
            };
            assert_eq!(keyname(code), want, "keyname({code})");
        }
    }

    #[test]
    fn fuzz_entry_point_progresses() {
        let codes = fuzz_decode(b"", b"\x1bOAq\x1b[<0;1;1M\x1b");
        assert_eq!(codes, [KEY_UP, i32::from(b'q'), KEY_MOUSE, 27]);
    }
}
