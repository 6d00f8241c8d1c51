import CPlaybookPlatform

#if canImport(Glibc)
    import Glibc
#endif

/// Stops template recursion before it overflows the thread's stack.
///
/// Mustache partials may include each other through sections (`{{#children}}{{> nav-item}}{{/children}}`),
/// which is how trees are drawn; with data that never runs out (a section over a value that is always
/// there) that recursion never ends, and swift-mustache has no depth limit of its own. Every level of such
/// recursion looks a name up in a `TemplateObject`, so the lookup asks this guard first: once less than
/// a quarter of the thread's stack is left, lookups answer nothing, every section is skipped, the
/// recursion unwinds, and the render reports it as an error instead of crashing.
enum StackGuard {
    /// Per-thread state: the lowest stack address a lookup may run at, and whether a render tripped it.
    private final class State {
        var base: UInt = 0
        var limit: UInt = 0
        var tripped = false
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            Unmanaged<State>.fromOpaque(pointer!).release()
        }
        return key
    }()

    private static var state: State {
        if let pointer = pthread_getspecific(key) { return Unmanaged<State>.fromOpaque(pointer).takeUnretainedValue() }
        let state = State()
        (state.base, state.limit) = bounds()
        pthread_setspecific(key, Unmanaged.passRetained(state).toOpaque())
        return state
    }

    /// True (and remembered for `run`) when the calling thread is deep into its stack.
    static func isExhausted() -> Bool {
        let here = UInt(playbook_frame_address())
        let state = state
        if here < state.limit && here >= state.base {
            state.tripped = true
            return true
        }
        return false
    }

    /// Runs `body`; the flag says whether it ran out of stack (and so rendered only part of its output).
    static func run<T>(_ body: () -> T) -> (value: T, exhausted: Bool) {
        let state = state
        let outer = state.tripped
        state.tripped = false
        let value = body()
        let exhausted = state.tripped
        // A nested render reports its own exhaustion; the outer one only its own.
        state.tripped = outer
        return (value, exhausted)
    }

    /// The stack's lowest address, and the address below which a quarter of the stack (at least
    /// 128 KB) is left for the frames between two lookups and for unwinding. Zeros when unknown.
    private static func bounds() -> (UInt, UInt) {
        var size = 0
        let low = playbook_stack_low(&size)
        guard low != 0 else { return (0, 0) }
        return (UInt(low), UInt(low) + UInt(max(128 << 10, size / 4)))
    }
}
