/* Preloaded into every process of the sanitizer test run (scripts/test.sh): dlclose does nothing, so no library
 * is ever unloaded.
 *
 * Why: the Vulkan loader unloads the driver (lavapipe) and the layers when an instance is destroyed, and GLFW
 * unloads libvulkan and the X11 libraries it opened in glfwTerminate. lavapipe keeps heap blocks reachable only
 * from its own globals (a circular list, 2 x 56 bytes, with an X11 surface); once its data segment is unmapped,
 * LeakSanitizer no longer sees those roots and reports the blocks as leaked, with "<unknown module>" frames that
 * no suppression can name. With the libraries kept loaded those blocks stay reachable and every leak that remains
 * comes with a symbolized stack, which tests/sanitizers/lsan.supp judges. Returning 0 is what dlclose returns on
 * success; a library that stays mapped is harmless to a process about to exit. */
int dlclose(void* handle) {
  (void)handle;
  return 0;
}
