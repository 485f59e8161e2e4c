#if canImport(Glibc)
    import Glibc
#endif

extension LanguageServer {
    /// Asks glibc's allocator for a single arena (`M_ARENA_MAX = 1`); call before the server's threads start.
    ///
    /// With one arena per thread that allocates (read thread, request, analysis and database queues), memory
    /// freed by one analysis was not reused by the next one on another thread: the 5,000-line benchmark session
    /// peaked at 67 MiB, and at 49 MiB with one arena (`moltres-bench lsp`). `mallopt` is looked up at run time
    /// because the Glibc module does not import `malloc.h`; nothing happens on other C libraries.
    public static func limitMallocArenas() {
        #if canImport(Glibc)
            guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "mallopt") else { return }
            let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
            let arenaMaximum: Int32 = -8  // M_ARENA_MAX
            _ = mallopt(arenaMaximum, 1)
        #endif
    }
}
