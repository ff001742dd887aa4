// Every associated constant of rustix's `Errno`, under the same name, so
// code written against rustix's type reads the same against Strata's. Made
// from rustix 1.1's linux_raw backend (src/backend/linux_raw/io/errno.rs).

impl Errno {
    /// `EACCES`.
    pub const ACCESS: Errno = Errno(rustix::io::Errno::ACCESS);
    /// `EADDRINUSE`.
    pub const ADDRINUSE: Errno = Errno(rustix::io::Errno::ADDRINUSE);
    /// `EADDRNOTAVAIL`.
    pub const ADDRNOTAVAIL: Errno = Errno(rustix::io::Errno::ADDRNOTAVAIL);
    /// `EADV`.
    pub const ADV: Errno = Errno(rustix::io::Errno::ADV);
    /// `EAFNOSUPPORT`.
    pub const AFNOSUPPORT: Errno = Errno(rustix::io::Errno::AFNOSUPPORT);
    /// `EAGAIN`.
    pub const AGAIN: Errno = Errno(rustix::io::Errno::AGAIN);
    /// `EALREADY`.
    pub const ALREADY: Errno = Errno(rustix::io::Errno::ALREADY);
    /// `EBADE`.
    pub const BADE: Errno = Errno(rustix::io::Errno::BADE);
    /// `EBADF`.
    pub const BADF: Errno = Errno(rustix::io::Errno::BADF);
    /// `EBADFD`.
    pub const BADFD: Errno = Errno(rustix::io::Errno::BADFD);
    /// `EBADMSG`.
    pub const BADMSG: Errno = Errno(rustix::io::Errno::BADMSG);
    /// `EBADR`.
    pub const BADR: Errno = Errno(rustix::io::Errno::BADR);
    /// `EBADRQC`.
    pub const BADRQC: Errno = Errno(rustix::io::Errno::BADRQC);
    /// `EBADSLT`.
    pub const BADSLT: Errno = Errno(rustix::io::Errno::BADSLT);
    /// `EBFONT`.
    pub const BFONT: Errno = Errno(rustix::io::Errno::BFONT);
    /// `EBUSY`.
    pub const BUSY: Errno = Errno(rustix::io::Errno::BUSY);
    /// `ECANCELED`.
    pub const CANCELED: Errno = Errno(rustix::io::Errno::CANCELED);
    /// `ECHILD`.
    pub const CHILD: Errno = Errno(rustix::io::Errno::CHILD);
    /// `ECHRNG`.
    pub const CHRNG: Errno = Errno(rustix::io::Errno::CHRNG);
    /// `ECOMM`.
    pub const COMM: Errno = Errno(rustix::io::Errno::COMM);
    /// `ECONNABORTED`.
    pub const CONNABORTED: Errno = Errno(rustix::io::Errno::CONNABORTED);
    /// `ECONNREFUSED`.
    pub const CONNREFUSED: Errno = Errno(rustix::io::Errno::CONNREFUSED);
    /// `ECONNRESET`.
    pub const CONNRESET: Errno = Errno(rustix::io::Errno::CONNRESET);
    /// `EDEADLK`.
    pub const DEADLK: Errno = Errno(rustix::io::Errno::DEADLK);
    /// `EDEADLOCK`.
    pub const DEADLOCK: Errno = Errno(rustix::io::Errno::DEADLOCK);
    /// `EDESTADDRREQ`.
    pub const DESTADDRREQ: Errno = Errno(rustix::io::Errno::DESTADDRREQ);
    /// `EDOM`.
    pub const DOM: Errno = Errno(rustix::io::Errno::DOM);
    /// `EDOTDOT`.
    pub const DOTDOT: Errno = Errno(rustix::io::Errno::DOTDOT);
    /// `EDQUOT`.
    pub const DQUOT: Errno = Errno(rustix::io::Errno::DQUOT);
    /// `EEXIST`.
    pub const EXIST: Errno = Errno(rustix::io::Errno::EXIST);
    /// `EFAULT`.
    pub const FAULT: Errno = Errno(rustix::io::Errno::FAULT);
    /// `EFBIG`.
    pub const FBIG: Errno = Errno(rustix::io::Errno::FBIG);
    /// `EHOSTDOWN`.
    pub const HOSTDOWN: Errno = Errno(rustix::io::Errno::HOSTDOWN);
    /// `EHOSTUNREACH`.
    pub const HOSTUNREACH: Errno = Errno(rustix::io::Errno::HOSTUNREACH);
    /// `EHWPOISON`.
    pub const HWPOISON: Errno = Errno(rustix::io::Errno::HWPOISON);
    /// `EIDRM`.
    pub const IDRM: Errno = Errno(rustix::io::Errno::IDRM);
    /// `EILSEQ`.
    pub const ILSEQ: Errno = Errno(rustix::io::Errno::ILSEQ);
    /// `EINPROGRESS`.
    pub const INPROGRESS: Errno = Errno(rustix::io::Errno::INPROGRESS);
    /// `EINTR`.
    pub const INTR: Errno = Errno(rustix::io::Errno::INTR);
    /// `EINVAL`.
    pub const INVAL: Errno = Errno(rustix::io::Errno::INVAL);
    /// `EIO`.
    pub const IO: Errno = Errno(rustix::io::Errno::IO);
    /// `EISCONN`.
    pub const ISCONN: Errno = Errno(rustix::io::Errno::ISCONN);
    /// `EISDIR`.
    pub const ISDIR: Errno = Errno(rustix::io::Errno::ISDIR);
    /// `EISNAM`.
    pub const ISNAM: Errno = Errno(rustix::io::Errno::ISNAM);
    /// `EKEYEXPIRED`.
    pub const KEYEXPIRED: Errno = Errno(rustix::io::Errno::KEYEXPIRED);
    /// `EKEYREJECTED`.
    pub const KEYREJECTED: Errno = Errno(rustix::io::Errno::KEYREJECTED);
    /// `EKEYREVOKED`.
    pub const KEYREVOKED: Errno = Errno(rustix::io::Errno::KEYREVOKED);
    /// `EL2HLT`.
    pub const L2HLT: Errno = Errno(rustix::io::Errno::L2HLT);
    /// `EL2NSYNC`.
    pub const L2NSYNC: Errno = Errno(rustix::io::Errno::L2NSYNC);
    /// `EL3HLT`.
    pub const L3HLT: Errno = Errno(rustix::io::Errno::L3HLT);
    /// `EL3RST`.
    pub const L3RST: Errno = Errno(rustix::io::Errno::L3RST);
    /// `ELIBACC`.
    pub const LIBACC: Errno = Errno(rustix::io::Errno::LIBACC);
    /// `ELIBBAD`.
    pub const LIBBAD: Errno = Errno(rustix::io::Errno::LIBBAD);
    /// `ELIBEXEC`.
    pub const LIBEXEC: Errno = Errno(rustix::io::Errno::LIBEXEC);
    /// `ELIBMAX`.
    pub const LIBMAX: Errno = Errno(rustix::io::Errno::LIBMAX);
    /// `ELIBSCN`.
    pub const LIBSCN: Errno = Errno(rustix::io::Errno::LIBSCN);
    /// `ELNRNG`.
    pub const LNRNG: Errno = Errno(rustix::io::Errno::LNRNG);
    /// `ELOOP`.
    pub const LOOP: Errno = Errno(rustix::io::Errno::LOOP);
    /// `EMEDIUMTYPE`.
    pub const MEDIUMTYPE: Errno = Errno(rustix::io::Errno::MEDIUMTYPE);
    /// `EMFILE`.
    pub const MFILE: Errno = Errno(rustix::io::Errno::MFILE);
    /// `EMLINK`.
    pub const MLINK: Errno = Errno(rustix::io::Errno::MLINK);
    /// `EMSGSIZE`.
    pub const MSGSIZE: Errno = Errno(rustix::io::Errno::MSGSIZE);
    /// `EMULTIHOP`.
    pub const MULTIHOP: Errno = Errno(rustix::io::Errno::MULTIHOP);
    /// `ENAMETOOLONG`.
    pub const NAMETOOLONG: Errno = Errno(rustix::io::Errno::NAMETOOLONG);
    /// `ENAVAIL`.
    pub const NAVAIL: Errno = Errno(rustix::io::Errno::NAVAIL);
    /// `ENETDOWN`.
    pub const NETDOWN: Errno = Errno(rustix::io::Errno::NETDOWN);
    /// `ENETRESET`.
    pub const NETRESET: Errno = Errno(rustix::io::Errno::NETRESET);
    /// `ENETUNREACH`.
    pub const NETUNREACH: Errno = Errno(rustix::io::Errno::NETUNREACH);
    /// `ENFILE`.
    pub const NFILE: Errno = Errno(rustix::io::Errno::NFILE);
    /// `ENOANO`.
    pub const NOANO: Errno = Errno(rustix::io::Errno::NOANO);
    /// `ENOBUFS`.
    pub const NOBUFS: Errno = Errno(rustix::io::Errno::NOBUFS);
    /// `ENOCSI`.
    pub const NOCSI: Errno = Errno(rustix::io::Errno::NOCSI);
    /// `ENODATA`.
    pub const NODATA: Errno = Errno(rustix::io::Errno::NODATA);
    /// `ENODEV`.
    pub const NODEV: Errno = Errno(rustix::io::Errno::NODEV);
    /// `ENOENT`.
    pub const NOENT: Errno = Errno(rustix::io::Errno::NOENT);
    /// `ENOEXEC`.
    pub const NOEXEC: Errno = Errno(rustix::io::Errno::NOEXEC);
    /// `ENOKEY`.
    pub const NOKEY: Errno = Errno(rustix::io::Errno::NOKEY);
    /// `ENOLCK`.
    pub const NOLCK: Errno = Errno(rustix::io::Errno::NOLCK);
    /// `ENOLINK`.
    pub const NOLINK: Errno = Errno(rustix::io::Errno::NOLINK);
    /// `ENOMEDIUM`.
    pub const NOMEDIUM: Errno = Errno(rustix::io::Errno::NOMEDIUM);
    /// `ENOMEM`.
    pub const NOMEM: Errno = Errno(rustix::io::Errno::NOMEM);
    /// `ENOMSG`.
    pub const NOMSG: Errno = Errno(rustix::io::Errno::NOMSG);
    /// `ENONET`.
    pub const NONET: Errno = Errno(rustix::io::Errno::NONET);
    /// `ENOPKG`.
    pub const NOPKG: Errno = Errno(rustix::io::Errno::NOPKG);
    /// `ENOPROTOOPT`.
    pub const NOPROTOOPT: Errno = Errno(rustix::io::Errno::NOPROTOOPT);
    /// `ENOSPC`.
    pub const NOSPC: Errno = Errno(rustix::io::Errno::NOSPC);
    /// `ENOSR`.
    pub const NOSR: Errno = Errno(rustix::io::Errno::NOSR);
    /// `ENOSTR`.
    pub const NOSTR: Errno = Errno(rustix::io::Errno::NOSTR);
    /// `ENOSYS`.
    pub const NOSYS: Errno = Errno(rustix::io::Errno::NOSYS);
    /// `ENOTBLK`.
    pub const NOTBLK: Errno = Errno(rustix::io::Errno::NOTBLK);
    /// `ENOTCONN`.
    pub const NOTCONN: Errno = Errno(rustix::io::Errno::NOTCONN);
    /// `ENOTDIR`.
    pub const NOTDIR: Errno = Errno(rustix::io::Errno::NOTDIR);
    /// `ENOTEMPTY`.
    pub const NOTEMPTY: Errno = Errno(rustix::io::Errno::NOTEMPTY);
    /// `ENOTNAM`.
    pub const NOTNAM: Errno = Errno(rustix::io::Errno::NOTNAM);
    /// `ENOTRECOVERABLE`.
    pub const NOTRECOVERABLE: Errno = Errno(rustix::io::Errno::NOTRECOVERABLE);
    /// `ENOTSOCK`.
    pub const NOTSOCK: Errno = Errno(rustix::io::Errno::NOTSOCK);
    /// `ENOTSUP` (the same number as `EOPNOTSUPP` on Linux).
    pub const NOTSUP: Errno = Errno(rustix::io::Errno::NOTSUP);
    /// `ENOTTY`.
    pub const NOTTY: Errno = Errno(rustix::io::Errno::NOTTY);
    /// `ENOTUNIQ`.
    pub const NOTUNIQ: Errno = Errno(rustix::io::Errno::NOTUNIQ);
    /// `ENXIO`.
    pub const NXIO: Errno = Errno(rustix::io::Errno::NXIO);
    /// `EOPNOTSUPP`.
    pub const OPNOTSUPP: Errno = Errno(rustix::io::Errno::OPNOTSUPP);
    /// `EOVERFLOW`.
    pub const OVERFLOW: Errno = Errno(rustix::io::Errno::OVERFLOW);
    /// `EOWNERDEAD`.
    pub const OWNERDEAD: Errno = Errno(rustix::io::Errno::OWNERDEAD);
    /// `EPERM`.
    pub const PERM: Errno = Errno(rustix::io::Errno::PERM);
    /// `EPFNOSUPPORT`.
    pub const PFNOSUPPORT: Errno = Errno(rustix::io::Errno::PFNOSUPPORT);
    /// `EPIPE`.
    pub const PIPE: Errno = Errno(rustix::io::Errno::PIPE);
    /// `EPROTO`.
    pub const PROTO: Errno = Errno(rustix::io::Errno::PROTO);
    /// `EPROTONOSUPPORT`.
    pub const PROTONOSUPPORT: Errno = Errno(rustix::io::Errno::PROTONOSUPPORT);
    /// `EPROTOTYPE`.
    pub const PROTOTYPE: Errno = Errno(rustix::io::Errno::PROTOTYPE);
    /// `ERANGE`.
    pub const RANGE: Errno = Errno(rustix::io::Errno::RANGE);
    /// `EREMCHG`.
    pub const REMCHG: Errno = Errno(rustix::io::Errno::REMCHG);
    /// `EREMOTE`.
    pub const REMOTE: Errno = Errno(rustix::io::Errno::REMOTE);
    /// `EREMOTEIO`.
    pub const REMOTEIO: Errno = Errno(rustix::io::Errno::REMOTEIO);
    /// `ERESTART`.
    pub const RESTART: Errno = Errno(rustix::io::Errno::RESTART);
    /// `ERFKILL`.
    pub const RFKILL: Errno = Errno(rustix::io::Errno::RFKILL);
    /// `EROFS`.
    pub const ROFS: Errno = Errno(rustix::io::Errno::ROFS);
    /// `ESHUTDOWN`.
    pub const SHUTDOWN: Errno = Errno(rustix::io::Errno::SHUTDOWN);
    /// `ESOCKTNOSUPPORT`.
    pub const SOCKTNOSUPPORT: Errno = Errno(rustix::io::Errno::SOCKTNOSUPPORT);
    /// `ESPIPE`.
    pub const SPIPE: Errno = Errno(rustix::io::Errno::SPIPE);
    /// `ESRCH`.
    pub const SRCH: Errno = Errno(rustix::io::Errno::SRCH);
    /// `ESRMNT`.
    pub const SRMNT: Errno = Errno(rustix::io::Errno::SRMNT);
    /// `ESTALE`.
    pub const STALE: Errno = Errno(rustix::io::Errno::STALE);
    /// `ESTRPIPE`.
    pub const STRPIPE: Errno = Errno(rustix::io::Errno::STRPIPE);
    /// `ETIME`.
    pub const TIME: Errno = Errno(rustix::io::Errno::TIME);
    /// `ETIMEDOUT`.
    pub const TIMEDOUT: Errno = Errno(rustix::io::Errno::TIMEDOUT);
    /// `E2BIG`.
    pub const TOOBIG: Errno = Errno(rustix::io::Errno::TOOBIG);
    /// `ETOOMANYREFS`.
    pub const TOOMANYREFS: Errno = Errno(rustix::io::Errno::TOOMANYREFS);
    /// `ETXTBSY`.
    pub const TXTBSY: Errno = Errno(rustix::io::Errno::TXTBSY);
    /// `EUCLEAN`.
    pub const UCLEAN: Errno = Errno(rustix::io::Errno::UCLEAN);
    /// `EUNATCH`.
    pub const UNATCH: Errno = Errno(rustix::io::Errno::UNATCH);
    /// `EUSERS`.
    pub const USERS: Errno = Errno(rustix::io::Errno::USERS);
    /// `EWOULDBLOCK`.
    pub const WOULDBLOCK: Errno = Errno(rustix::io::Errno::WOULDBLOCK);
    /// `EXDEV`.
    pub const XDEV: Errno = Errno(rustix::io::Errno::XDEV);
    /// `EXFULL`.
    pub const XFULL: Errno = Errno(rustix::io::Errno::XFULL);
}
