// The only translation unit that includes vkFFT.h (it costs ~15 s to compile). VkFFT calls Vulkan through
// volk's function pointers, which is why it lives inside the core library (README, Platform notes).
#include "specdither/fft_plan.h"

#include <volk.h>
#include <vkFFT.h>

#include <cstdio>
#include <cstdlib>

namespace specdither {

struct FftPlan {
  GpuContext* context = nullptr;
  FftDirection direction = FftDirection::Forward;
  VkFFTApplication app = {};
  uint64_t realBytes = 0;
  uint64_t spectrumBytes = 0;
  // Buffers handed to VkFFT at plan time...
  VkBuffer configReal = VK_NULL_HANDLE;
  VkBuffer configSpectrum = VK_NULL_HANDLE;
  // ...and the same handles at a second, stable address passed at launch. VkFFT compares these pointers: the
  // first launch sees "new" buffers and rewrites its descriptor sets after the Bluestein buffers exist (VkFFT
  // 1.2.26 writes them too early at plan time, which gives wrong results for prime factors > 13); later
  // launches see the same pointer and touch nothing.
  VkBuffer launchReal = VK_NULL_HANDLE;
  VkBuffer launchSpectrum = VK_NULL_HANDLE;
};

FftPlan* createFftPlan(GpuContext* c, uint32_t width, uint32_t height, FftDirection direction, const GpuBuffer& real,
                       const GpuBuffer& spectrum, std::string* error) {
  FftPlan* p = new FftPlan();
  p->context = c;
  p->direction = direction;
  p->realBytes = real.size;
  p->spectrumBytes = spectrum.size;
  if (real.size < fftRealBufferBytes(width, height) || spectrum.size < halfSpectrumBytes(width, height)) {
    std::fprintf(stderr, "internal error: FFT buffers too small for %ux%u\n", width, height);
    std::abort();
  }
  p->configReal = p->launchReal = real.buffer;
  p->configSpectrum = p->launchSpectrum = spectrum.buffer;

  VkFFTConfiguration conf = {};
  conf.FFTdim = 2;
  conf.size[0] = width;
  conf.size[1] = height;
  conf.performR2C = 1;
  // The real data lives in its own unpadded buffer; the half spectrum in another.
  conf.isInputFormatted = 1;
  conf.inverseReturnToInputBuffer = 1;
  conf.inputBufferStride[0] = width;
  conf.inputBufferStride[1] = uint64_t(width) * height;
  conf.bufferStride[0] = width / 2 + 1;
  conf.bufferStride[1] = uint64_t(width / 2 + 1) * height;
  conf.makeForwardPlanOnly = direction == FftDirection::Forward;
  conf.makeInversePlanOnly = direction == FftDirection::Inverse;
  conf.physicalDevice = &c->physicalDevice;
  conf.device = &c->device;
  conf.queue = &c->queue;
  conf.commandPool = &c->commandPool;
  conf.fence = &c->fence;
  conf.inputBuffer = &p->configReal;
  conf.inputBufferSize = &p->realBytes;
  conf.buffer = &p->configSpectrum;
  conf.bufferSize = &p->spectrumBytes;
  VkFFTResult result = initializeVkFFT(&p->app, conf);
  if (result != VKFFT_SUCCESS) {
    *error = "VkFFT cannot plan a " + std::to_string(width) + "x" + std::to_string(height) +
             " transform (VkFFT error " + std::to_string(int(result)) + ")";
    delete p;
    return nullptr;
  }
  return p;
}

void destroyFftPlan(FftPlan* p) {
  if (!p) return;
  deleteVkFFT(&p->app);
  delete p;
}

void recordFft(VkCommandBuffer cmd, FftPlan* p) {
  VkFFTLaunchParams launch = {};
  launch.commandBuffer = &cmd;
  launch.inputBuffer = &p->launchReal;
  launch.buffer = &p->launchSpectrum;
  VkFFTResult result = VkFFTAppend(&p->app, p->direction == FftDirection::Forward ? -1 : 1, &launch);
  if (result != VKFFT_SUCCESS) {
    std::fprintf(stderr, "internal error: VkFFTAppend failed with VkFFT error %d\n", int(result));
    std::abort();
  }
}

}  // namespace specdither
