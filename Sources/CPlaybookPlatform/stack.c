#define _GNU_SOURCE
#include <pthread.h>
#include "playbook_platform.h"

uintptr_t playbook_stack_low(size_t *size) {
    *size = 0;
#if defined(__linux__)
    pthread_attr_t attributes;
    if (pthread_getattr_np(pthread_self(), &attributes) != 0) return 0;
    void *base = NULL;
    size_t length = 0;
    int status = pthread_attr_getstack(&attributes, &base, &length);
    pthread_attr_destroy(&attributes);
    if (status != 0) return 0;
    *size = length;
    return (uintptr_t)base;
#elif defined(__APPLE__)
    size_t length = pthread_get_stacksize_np(pthread_self());
    uintptr_t top = (uintptr_t)pthread_get_stackaddr_np(pthread_self());
    *size = length;
    return top - length;
#else
    return 0;
#endif
}

__attribute__((noinline)) uintptr_t playbook_frame_address(void) {
    return (uintptr_t)__builtin_frame_address(0);
}
