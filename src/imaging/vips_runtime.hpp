#pragma once
// libvips, started once per process and locked down for untrusted input: only the JPEG, PNG and
// GIF loaders may run (every other loader, and everything libvips itself marks untrusted, is
// blocked), and the operation cache keeps nothing (each upload is different; a cache would only
// hold memory). Safe to call from any thread, any number of times.
#include "imaging/image_refusal.hpp"

namespace mmsgate {

[[nodiscard]] ImageResult<void> start_vips();

}
