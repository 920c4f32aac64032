// Symbol export for libspecdither. The library is built with hidden visibility (so volk's global vk* pointers
// and VkFFT stay private); every function meant for the CLI, the studio or the tests carries SPECDITHER_API.
#pragma once

#define SPECDITHER_API __attribute__((visibility("default")))
