#ifndef PLAYBOOK_PLATFORM_H
#define PLAYBOOK_PLATFORM_H

#include <stddef.h>
#include <stdint.h>

/// The lowest address of the calling thread's stack and its size, or 0 when the system cannot tell.
/// (pthread_getattr_np needs _GNU_SOURCE, which Swift's Glibc module does not define.)
uintptr_t playbook_stack_low(size_t *size);

/// The address of the caller's stack frame: the real stack, also where AddressSanitizer moves local
/// variables to a heap "fake stack".
uintptr_t playbook_frame_address(void);

/// Swaps two paths in one step (Linux renameat2 with RENAME_EXCHANGE): 0 on success, else -1 with errno
/// (ENOSYS or EINVAL where the system or file system cannot).
int playbook_exchange(const char *a, const char *b);

/// Returns memory freed by the program to the system (mimalloc's mi_collect when linked, else glibc's
/// malloc_trim); does nothing elsewhere.
void playbook_release_freed_memory(void);

#endif
