// netcost — Apache-2.0
//
// Runs netcost's CUDA C kernels (Sources/NetCostProfile/GPU/GPUKernels.swift)
// on the CPU, for the tests: no GPU, CUDA toolkit or CUDA header needed.
// The test compiles the kernel source after this header with a C++17
// compiler into a shared library and calls nc_emu_launch.
//
// A launch runs the grid's blocks one after another. Inside a block every
// CUDA thread is a fiber (ucontext) with its own stack: it runs until it
// returns or reaches __syncthreads(), then the next thread runs; when all
// have reached the barrier they all go on. So barrier semantics are exact:
// a thread that reads shared memory before the barrier that should order it
// sees the block's earlier contents (another k-step's, another block's), and
// running the threads in reverse order as well as forward makes such a race
// change the result. __shared__ variables are static locals, one per kernel,
// which is what shared memory is for blocks that run one at a time. Threads
// that leave while others wait at a barrier, or wait at different barriers,
// are errors (undefined behaviour in CUDA).
//
// What it does not model: warps (no warp functions are used), memory
// ordering between blocks (blocks never talk), the float contraction the
// device does (a·b + c as one FMA; results differ by rounding only).

#pragma once

#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <type_traits>
#include <utility>
#include <vector>

struct uint3 {
  unsigned x, y, z;
};

namespace nc_emu {

enum State { runnable, at_barrier, done };

struct Fiber {
  ucontext_t context;
  uint3 tid;
  State state;
  int barrier_line;
  char* stack;  // the usable stack, above a PROT_NONE guard page
};

constexpr size_t stack_bytes = 256 * 1024;

inline Fiber* current = nullptr;
inline ucontext_t scheduler;
inline uint3 block_index, block_dim, grid_dim;
inline void (*body)(void**) = nullptr;
inline void** params = nullptr;
inline std::vector<Fiber> fibers;
inline long long barriers_passed = 0;

inline void entry() {
  body(params);
  current->state = done;
  // Returning resumes uc_link: the scheduler.
}

inline void syncthreads(int line) {
  current->barrier_line = line;
  current->state = at_barrier;
  swapcontext(&current->context, &scheduler);
}

// Calls kernel k with its parameters read from kernelParams-style slots:
// p[i] points at parameter i's value, as cuLaunchKernel takes them.
template <typename T>
using Bare = std::remove_cv_t<std::remove_reference_t<T>>;

template <typename... A, size_t... I>
void invoke(void (*k)(A...), void** p, std::index_sequence<I...>) {
  k(*static_cast<Bare<A>*>(p[I])...);
}

template <typename... A>
constexpr int arity(void (*)(A...)) { return sizeof...(A); }

template <typename... A>
int param_size(void (*)(A...), int i) {
  const int sizes[] = {int(sizeof(Bare<A>))..., 0};
  return i >= 0 && i < int(sizeof...(A)) ? sizes[i] : -1;
}

template <typename... A>
void invoke_all(void (*k)(A...), void** p) {
  invoke(k, p, std::index_sequence_for<A...>{});
}

struct Kernel {
  const char* name;
  void (*run)(void**);
  int arity;
  int (*param_size)(int);
};

template <auto K>
void run_kernel(void** p) { invoke_all(K, p); }

template <auto K>
int kernel_param_size(int i) { return param_size(K, i); }

inline bool make_fibers(size_t n) {
  while (fibers.size() < n) {
    long page = sysconf(_SC_PAGESIZE);
    void* m = mmap(nullptr, stack_bytes + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return false;
    mprotect(m, page, PROT_NONE);  // stacks grow down: an overflow faults instead of corrupting
    Fiber f{};
    f.stack = static_cast<char*>(m) + page;
    fibers.push_back(f);
  }
  return true;
}

}  // namespace nc_emu

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __shared__ static
#define __restrict__ __restrict
#define __launch_bounds__(...)
#define threadIdx (nc_emu::current->tid)
#define blockIdx (nc_emu::block_index)
#define blockDim (nc_emu::block_dim)
#define gridDim (nc_emu::grid_dim)
#define __syncthreads() nc_emu::syncthreads(__LINE__)

#define NC_EMU_KERNEL(k) {#k, &nc_emu::run_kernel<&k>, nc_emu::arity(&k), &nc_emu::kernel_param_size<&k>},

// After the kernels: NC_EMU_KERNELS(NC_EMU_KERNEL(a) NC_EMU_KERNEL(b) …)
// defines the table and the C entry points.
#define NC_EMU_KERNELS(list)                                                                  \
  static const nc_emu::Kernel nc_emu_table[] = {list{nullptr, nullptr, 0, nullptr}};          \
  static const nc_emu::Kernel* nc_emu_find(const char* name) {                                \
    for (const nc_emu::Kernel* k = nc_emu_table; k->name; ++k)                                \
      if (std::strcmp(k->name, name) == 0) return k;                                          \
    return nullptr;                                                                           \
  }                                                                                           \
  extern "C" int nc_emu_arity(const char* name) {                                             \
    const nc_emu::Kernel* k = nc_emu_find(name);                                              \
    return k ? k->arity : -1;                                                                 \
  }                                                                                           \
  extern "C" int nc_emu_param_size(const char* name, int i) {                                 \
    const nc_emu::Kernel* k = nc_emu_find(name);                                              \
    return k ? k->param_size(i) : -1;                                                         \
  }                                                                                           \
  extern "C" long long nc_emu_barriers(void) { return nc_emu::barriers_passed; }              \
  extern "C" int nc_emu_launch(const char* name, unsigned gx, unsigned gy, unsigned gz,       \
                               unsigned bx, unsigned by, unsigned bz, void** params,          \
                               int reverse, char* error, int error_size) {                    \
    return nc_emu::launch(nc_emu_find(name), name, uint3{gx, gy, gz}, uint3{bx, by, bz},       \
                          params, reverse != 0, error, error_size);                           \
  }

namespace nc_emu {

inline int fail(char* error, int size, const char* text) {
  std::snprintf(error, size, "%s", text);
  return 1;
}

inline int launch(const Kernel* k, const char* name, uint3 grid, uint3 block, void** p, bool reverse, char* error,
                  int error_size) {
  char text[256];
  if (!k) {
    std::snprintf(text, sizeof text, "no kernel '%s'", name);
    return fail(error, error_size, text);
  }
  const size_t n = size_t(block.x) * block.y * block.z;
  if (n < 1 || n > 1024 || grid.x < 1 || grid.y < 1 || grid.z < 1)
    return fail(error, error_size, "launch outside CUDA's limits (1-1024 threads a block, grid dims >= 1)");
  if (!make_fibers(n)) return fail(error, error_size, "cannot allocate fiber stacks");
  grid_dim = grid;
  block_dim = block;
  body = k->run;
  params = p;
  for (unsigned bz = 0; bz < grid.z; ++bz)
    for (unsigned by = 0; by < grid.y; ++by)
      for (unsigned bx = 0; bx < grid.x; ++bx) {
        block_index = uint3{bx, by, bz};
        for (size_t t = 0; t < n; ++t) {
          Fiber& f = fibers[t];
          f.tid = uint3{unsigned(t % block.x), unsigned(t / block.x % block.y), unsigned(t / (size_t(block.x) * block.y))};
          f.state = runnable;
          f.barrier_line = 0;
          getcontext(&f.context);
          f.context.uc_stack.ss_sp = f.stack;
          f.context.uc_stack.ss_size = stack_bytes;
          f.context.uc_link = &scheduler;
          makecontext(&f.context, entry, 0);
        }
        for (;;) {
          for (size_t i = 0; i < n; ++i) {
            Fiber& f = fibers[reverse ? n - 1 - i : i];
            if (f.state != runnable) continue;
            current = &f;
            swapcontext(&scheduler, &f.context);
          }
          size_t finished = 0, waiting = 0;
          int line = -1;
          bool same = true;
          for (size_t t = 0; t < n; ++t) {
            if (fibers[t].state == done) ++finished;
            if (fibers[t].state == at_barrier) {
              ++waiting;
              if (line < 0) line = fibers[t].barrier_line;
              same = same && fibers[t].barrier_line == line;
            }
          }
          if (finished == n) break;
          if (finished > 0) {
            std::snprintf(text, sizeof text,
                          "%s block (%u,%u,%u): %zu threads returned while %zu wait at __syncthreads() (line %d)", name,
                          bx, by, bz, finished, waiting, line);
            return fail(error, error_size, text);
          }
          if (!same) {
            std::snprintf(text, sizeof text, "%s block (%u,%u,%u): threads wait at different __syncthreads()", name, bx,
                          by, bz);
            return fail(error, error_size, text);
          }
          ++barriers_passed;
          for (size_t t = 0; t < n; ++t) fibers[t].state = runnable;
        }
      }
  return 0;
}

}  // namespace nc_emu
