import CPlaybookPlatform
import Foundation

/// Hands memory that was freed back to the system between the stages of a build
/// (`BuildOptions.releaseFreedMemory`).
///
/// The allocator keeps freed blocks in its per-thread arenas (glibc) or pages (mimalloc, which release
/// builds link); a large page (a data file with hundreds of thousands of rows) leaves tens of megabytes
/// there after its stage, which would otherwise add up with the next stage's into the build's peak.
enum FreedMemory {
    static func release() {
        playbook_release_freed_memory()
    }
}
