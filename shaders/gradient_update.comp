#version 450
// One update of a parameter vector (see app/core/gradient_update.h): gradient descent, momentum or Adam.
#include "gradient_update_shared.h"

layout(local_size_x = SD_UPDATE_GROUP_SIZE) in;
layout(std430, binding = 0) buffer Params { float params[]; };
layout(std430, binding = 1) readonly buffer Grads { float grads[]; };
layout(std430, binding = 2) buffer First { float firstMoment[]; };
layout(std430, binding = 3) buffer Second { float secondMoment[]; };
#include "gradient_update.glsl"
layout(push_constant) uniform Push { GradientUpdatePush pc; };

void main() {
  uint i = gl_GlobalInvocationID.x;
  if (i < pc.count) params[i] = updatedParameter(pc, i, params[i], grads[i]);
}
