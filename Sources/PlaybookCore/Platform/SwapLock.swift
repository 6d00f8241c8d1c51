import Foundation

/// Lets a reader of the output folder (the dev server) and the build's swap of a new output into place
/// exclude each other, for systems where the swap takes two renames and the folder is briefly missing.
public final class SwapLock: @unchecked Sendable {
    private var lock = pthread_rwlock_t()

    public init() { pthread_rwlock_init(&lock, nil) }

    deinit { pthread_rwlock_destroy(&lock) }

    /// Runs `body` while no swap is in progress (readers run side by side).
    public func reading<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(&lock)
        defer { pthread_rwlock_unlock(&lock) }
        return try body()
    }

    /// Runs `body` while nobody reads.
    func swapping<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(&lock)
        defer { pthread_rwlock_unlock(&lock) }
        return try body()
    }
}
