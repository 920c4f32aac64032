#version 450
// One update of a parameter vector (see app/core/gradient_update.h): gradient descent, momentum or Adam.
#include "gradient_update_shared.h"

layout(local_size_x = SD_UPDATE_GROUP_SIZE) in;
layout(std430, binding = 0) buffer Params { float params[]; };
layout(std430, binding = 1) readonly buffer Grads { float grads[]; };
layout(std430, binding = 2) readonly buffer Extra { float extra[]; };
layout(std430, binding = 3) buffer First { float firstMoment[]; };
layout(std430, binding = 4) buffer Second { float secondMoment[]; };
layout(push_constant) uniform Push { GradientUpdatePush pc; };

void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i >= pc.count) return;
  float g = grads[i];
  if (pc.hasExtra != 0u) g += extra[i];
  if (pc.rule == 0u) {
    params[i] -= pc.learningRate * g;
  } else if (pc.rule == 1u) {
    float v = pc.momentum * firstMoment[i] + g;
    firstMoment[i] = v;
    params[i] -= pc.learningRate * v;
  } else {
    float m = pc.beta1 * firstMoment[i] + (1.0 - pc.beta1) * g;
    float v = pc.beta2 * secondMoment[i] + (1.0 - pc.beta2) * g * g;
    firstMoment[i] = m;
    secondMoment[i] = v;
    float t = float(pc.adamStep);
    float mHat = m / (1.0 - pow(pc.beta1, t));
    float vHat = v / (1.0 - pow(pc.beta2, t));
    params[i] -= pc.learningRate * mHat / (sqrt(vHat) + pc.epsilon);
  }
}
