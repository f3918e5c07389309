package dev.gantry.core.container.security;

import dev.gantry.core.container.security.SyscallRule.Condition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Gantry's built-in seccomp profile, equal in effect to Docker's default: everything not listed fails with EPERM
 * (so a syscall a newer kernel adds stays closed), the ordinary calls of a process are open, and the calls that reach
 * past the container open only with the capability that would let them do something anyway. The groups below are
 * by what a call is about, to keep the list reviewable.
 */
public final class DefaultSeccomp {
    static final int EPERM = 1;
    static final int ENOSYS = 38;
    /** AF_VSOCK: talks to the hypervisor, outside every namespace. */
    static final long AF_VSOCK = 40;
    /** The clone flags that make a namespace: NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET. */
    static final long NAMESPACE_FLAGS = 0x00020000L | 0x02000000L | 0x04000000L | 0x08000000L | 0x10000000L
            | 0x20000000L | 0x40000000L;
    /** personality(2) values a container may ask for: Linux, Linux32, each with UNAME26, and the query. */
    static final List<Long> PERSONALITIES = List.of(0x0L, 0x0008L, 0x20000L, 0x20008L, 0xffffffffL);

    /** Open to every container, by topic. Names unknown to the host's libseccomp are skipped by runc. */
    static final Map<String, List<String>> ALWAYS = groups();

    private DefaultSeccomp() {
    }

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("files", List.of("access", "cachestat", "chdir", "chmod", "chown", "chown32", "close", "close_range",
                "copy_file_range", "creat", "dup", "dup2", "dup3", "faccessat", "faccessat2", "fadvise64",
                "fadvise64_64", "fallocate", "fanotify_mark", "fchdir", "fchmod", "fchmodat", "fchmodat2", "fchown",
                "fchown32", "fchownat", "fcntl", "fcntl64", "fdatasync", "flock", "fstat", "fstat64", "fstatat64",
                "fstatfs", "fstatfs64", "fsync", "ftruncate", "ftruncate64", "futimesat", "getcwd", "getdents",
                "getdents64", "lchown", "lchown32", "link", "linkat", "_llseek", "lseek", "lstat", "lstat64", "mkdir",
                "mkdirat", "mknod", "mknodat", "name_to_handle_at", "newfstatat", "open", "openat", "openat2", "pipe",
                "pipe2", "pread64", "preadv", "preadv2", "pwrite64", "pwritev", "pwritev2", "read", "readahead",
                "readlink", "readlinkat", "readv", "rename", "renameat", "renameat2", "rmdir", "sendfile",
                "sendfile64", "splice", "stat", "stat64", "statfs", "statfs64", "statx", "symlink", "symlinkat",
                "sync", "sync_file_range", "syncfs", "tee", "truncate", "truncate64", "umask", "unlink", "unlinkat",
                "utime", "utimensat", "utimensat_time64", "utimes", "vmsplice", "write", "writev"));
        g.put("extended attributes", List.of("fgetxattr", "flistxattr", "fremovexattr", "fsetxattr", "getxattr",
                "lgetxattr", "listxattr", "llistxattr", "lremovexattr", "lsetxattr", "removexattr", "setxattr"));
        g.put("waiting on descriptors", List.of("epoll_create", "epoll_create1", "epoll_ctl", "epoll_ctl_old",
                "epoll_pwait", "epoll_pwait2", "epoll_wait", "epoll_wait_old", "eventfd", "eventfd2", "inotify_add_watch",
                "inotify_init", "inotify_init1", "inotify_rm_watch", "_newselect", "poll", "ppoll", "ppoll_time64",
                "pselect6", "pselect6_time64", "select", "signalfd", "signalfd4", "timerfd_create", "timerfd_gettime",
                "timerfd_gettime64", "timerfd_settime", "timerfd_settime64"));
        // io_uring is left out on purpose: it bypasses this filter's view of each operation
        g.put("asynchronous I/O", List.of("io_cancel", "io_destroy", "io_getevents", "io_pgetevents",
                "io_pgetevents_time64", "io_setup", "io_submit"));
        g.put("memory", List.of("brk", "madvise", "map_shadow_stack", "membarrier", "memfd_create", "memfd_secret",
                "mincore", "mlock", "mlock2", "mlockall", "mmap", "mmap2", "mprotect", "mremap", "msync", "munlock",
                "munlockall", "munmap", "pkey_alloc", "pkey_free", "pkey_mprotect", "process_mrelease",
                "remap_file_pages"));
        g.put("processes and threads", List.of("capget", "capset", "execve", "execveat", "exit", "exit_group", "fork",
                "futex", "futex_requeue", "futex_time64", "futex_wait", "futex_waitv", "futex_wake", "get_robust_list",
                "get_thread_area", "getcpu", "getpgid", "getpgrp", "getpid", "getppid", "getpriority", "getrandom",
                "getrlimit", "getrusage", "getsid", "gettid", "ioctl", "ioprio_get", "ioprio_set", "landlock_add_rule",
                "landlock_create_ruleset", "landlock_restrict_self", "pidfd_open", "pidfd_send_signal", "prctl",
                "prlimit64", "restart_syscall", "rseq", "seccomp", "set_robust_list", "set_thread_area",
                "set_tid_address", "setpgid", "setpriority", "setrlimit", "setsid", "sysinfo", "times", "ugetrlimit",
                "uname", "vfork", "wait4", "waitid", "waitpid"));
        g.put("user and group ids", List.of("getegid", "getegid32", "geteuid", "geteuid32", "getgid", "getgid32",
                "getgroups", "getgroups32", "getresgid", "getresgid32", "getresuid", "getresuid32", "getuid", "getuid32",
                "setfsgid", "setfsgid32", "setfsuid", "setfsuid32", "setgid", "setgid32", "setgroups", "setgroups32",
                "setregid", "setregid32", "setresgid", "setresgid32", "setresuid", "setresuid32", "setreuid",
                "setreuid32", "setuid", "setuid32"));
        g.put("signals", List.of("alarm", "getitimer", "kill", "pause", "rt_sigaction", "rt_sigpending",
                "rt_sigprocmask", "rt_sigqueueinfo", "rt_sigreturn", "rt_sigsuspend", "rt_sigtimedwait",
                "rt_sigtimedwait_time64", "rt_tgsigqueueinfo", "setitimer", "sigaltstack", "sigprocmask", "sigreturn",
                "tgkill", "tkill"));
        // reading clocks and timers; setting the system clock needs CAP_SYS_TIME (below)
        g.put("clocks and timers", List.of("adjtimex", "clock_adjtime", "clock_adjtime64", "clock_getres",
                "clock_getres_time64", "clock_gettime", "clock_gettime64", "clock_nanosleep", "clock_nanosleep_time64",
                "gettimeofday", "nanosleep", "time", "timer_create", "timer_delete", "timer_getoverrun", "timer_gettime",
                "timer_gettime64", "timer_settime", "timer_settime64"));
        g.put("scheduling", List.of("sched_get_priority_max", "sched_get_priority_min", "sched_getaffinity",
                "sched_getattr", "sched_getparam", "sched_getscheduler", "sched_rr_get_interval",
                "sched_rr_get_interval_time64", "sched_setaffinity", "sched_setattr", "sched_setparam",
                "sched_setscheduler", "sched_yield"));
        g.put("sockets", List.of("accept", "accept4", "bind", "connect", "getpeername", "getsockname", "getsockopt",
                "listen", "recv", "recvfrom", "recvmmsg", "recvmmsg_time64", "recvmsg", "send", "sendmmsg", "sendmsg",
                "sendto", "setsockopt", "shutdown", "socketcall", "socketpair"));
        g.put("System V and POSIX IPC", List.of("ipc", "mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive",
                "mq_timedreceive_time64", "mq_timedsend", "mq_timedsend_time64", "mq_unlink", "msgctl", "msgget",
                "msgrcv", "msgsnd", "semctl", "semget", "semop", "semtimedop", "semtimedop_time64", "shmat", "shmctl",
                "shmdt", "shmget"));
        // since Linux 4.8 seccomp is checked again after a tracer changes a call, so tracing cannot escape the filter
        g.put("tracing own processes", List.of("process_vm_readv", "process_vm_writev", "ptrace"));
        return g;
    }

    /** What each capability opens beyond {@link #ALWAYS}, as Docker gates it. */
    static final Map<String, List<String>> BY_CAPABILITY = byCapability();

    private static Map<String, List<String>> byCapability() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("CAP_SYS_ADMIN", List.of("bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount", "fsopen",
                "fspick", "lookup_dcookie", "mount", "mount_setattr", "move_mount", "open_tree", "perf_event_open",
                "quotactl", "quotactl_fd", "setdomainname", "sethostname", "setns", "syslog", "umount", "umount2",
                "unshare"));
        m.put("CAP_DAC_READ_SEARCH", List.of("open_by_handle_at"));
        m.put("CAP_SYS_BOOT", List.of("reboot"));
        m.put("CAP_SYS_CHROOT", List.of("chroot"));
        m.put("CAP_SYS_MODULE", List.of("delete_module", "finit_module", "init_module"));
        m.put("CAP_SYS_PACCT", List.of("acct"));
        m.put("CAP_SYS_PTRACE", List.of("kcmp", "pidfd_getfd", "process_madvise"));
        m.put("CAP_SYS_RAWIO", List.of("ioperm", "iopl"));
        m.put("CAP_SYS_TIME", List.of("clock_settime", "clock_settime64", "settimeofday", "stime"));
        m.put("CAP_SYS_TTY_CONFIG", List.of("vhangup"));
        m.put("CAP_SYS_NICE", List.of("get_mempolicy", "mbind", "set_mempolicy", "set_mempolicy_home_node"));
        m.put("CAP_SYSLOG", List.of("syslog"));
        m.put("CAP_BPF", List.of("bpf"));
        m.put("CAP_PERFMON", List.of("perf_event_open"));
        return m;
    }

    /** The profile, before it is resolved for a container's capabilities and the host's architecture. */
    public static SeccompProfile profile() {
        List<SyscallRule> rules = new ArrayList<>();
        rules.add(allow(ALWAYS.values().stream().flatMap(List::stream).toList(), Condition.NONE));
        // x86: thread-local storage setup; arm: the calls its libc uses for cache and TLS
        rules.add(allow(List.of("arch_prctl", "modify_ldt"), arches("amd64")));
        rules.add(allow(List.of("arm_fadvise64_64", "arm_sync_file_range", "breakpoint", "cacheflush", "set_tls",
                "sync_file_range2"), arches("arm64")));
        // sockets of any family but vsock
        rules.add(new SyscallRule(List.of("socket"), "SCMP_ACT_ALLOW", null,
                List.of(SeccompArg.notEqual(0, AF_VSOCK)), Condition.NONE, Condition.NONE));
        for (long persona : PERSONALITIES) {
            rules.add(new SyscallRule(List.of("personality"), "SCMP_ACT_ALLOW", null,
                    List.of(SeccompArg.equalTo(0, persona)), Condition.NONE, Condition.NONE));
        }
        Condition withoutSysAdmin = caps("CAP_SYS_ADMIN");
        // without CAP_SYS_ADMIN: threads and processes, but no new namespaces
        rules.add(new SyscallRule(List.of("clone"), "SCMP_ACT_ALLOW", null,
                List.of(SeccompArg.noneOf(0, NAMESPACE_FLAGS)), Condition.NONE, withoutSysAdmin));
        // clone3 passes its flags in memory the filter cannot read: ENOSYS makes libc fall back to clone
        rules.add(new SyscallRule(List.of("clone3"), "SCMP_ACT_ERRNO", ENOSYS, List.of(), Condition.NONE,
                withoutSysAdmin));
        BY_CAPABILITY.forEach((cap, names) -> rules.add(allow(names, caps(cap))));
        return new SeccompProfile("SCMP_ACT_ERRNO", EPERM, List.of(),
                Map.of("SCMP_ARCH_X86_64", List.of("SCMP_ARCH_X86", "SCMP_ARCH_X32"),
                        "SCMP_ARCH_AARCH64", List.of("SCMP_ARCH_ARM")), rules, Map.of());
    }

    /** Every name the profile opens unconditionally, for checks. */
    static Stream<String> alwaysNames() {
        return ALWAYS.values().stream().flatMap(List::stream);
    }

    private static SyscallRule allow(List<String> names, Condition when) {
        return new SyscallRule(names, "SCMP_ACT_ALLOW", null, List.of(), when, Condition.NONE);
    }

    private static Condition caps(String cap) {
        return new Condition(Set.of(cap), Set.of(), null);
    }

    private static Condition arches(String arch) {
        return new Condition(Set.of(), Set.of(arch), null);
    }
}
