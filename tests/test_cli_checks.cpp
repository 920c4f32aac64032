// Checks before work (issue 13): every option that does not apply to the chosen preset or method, every output
// that could not be written, is refused in well under a second with one line, a non-zero exit and no file; the
// presets have one name everywhere; the numbers a run reports add up; long runs report progress off a terminal.
#include "gpu_test.h"
#include "specdither/mask_io.h"
#include "test_files.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>

using namespace specdither;
using test::runCli;

namespace {

struct Refusal {
  std::string arguments;  // after the command; {dir} is the test's folder
  std::string says;       // a part of the one line
};

std::string expand(std::string text, const std::string& dir) {
  for (size_t at; (at = text.find("{dir}")) != std::string::npos;) text.replace(at, 5, dir);
  return text;
}

// Runs each case, timed: one line "specdither: ..." naming the reason, exit 1, nothing in the folder but what
// was there before.
void expectRefusals(const std::vector<Refusal>& cases, const std::string& dir) {
  const std::vector<std::string> before = test::entries(dir);
  for (const Refusal& c : cases) {
    const std::string arguments = expand(c.arguments, dir);
    const auto start = std::chrono::steady_clock::now();
    const test::CommandResult r = runCli(arguments);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(r.exitCode, 1) << arguments << ": " << r.errors;
    EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << arguments << ":\n" << r.errors;
    EXPECT_EQ(r.errors.rfind("specdither: ", 0), 0u) << arguments << ": " << r.errors;
    EXPECT_NE(r.errors.find(c.says), std::string::npos) << arguments << ": " << r.errors;
    EXPECT_TRUE(r.output.empty()) << arguments << ": " << r.output;
    // Before any GPU work: a refusal after opening the device or optimizing would take seconds on lavapipe.
    EXPECT_LT(seconds, 0.5) << arguments;
    EXPECT_EQ(test::entries(dir), before) << arguments << ": a file was written";
  }
}

TEST(CliChecks, OptionsOfAnotherPresetOrMethodAreRefused) {
  const std::string dir = test::makeTempDir();
  const std::string g = "generate --size 16 --out {dir}/m.png ";
  const std::vector<Refusal> cases = {
      // The article's knobs with a swap preset or a baseline.
      {g + "--cutoff 0.5", "--cutoff belongs to the wronski2020 preset, not to the hvs preset"},
      {g + "--w-low 0.2", "--w-low belongs to the wronski2020 preset"},
      {g + "--w-uniform 0.2", "--w-uniform belongs to the wronski2020 preset"},
      {g + "--w-hist 1", "--w-hist belongs to the wronski2020 preset"},
      {g + "--optimizer adam", "--optimizer belongs to the wronski2020 preset"},
      {g + "--lr 0.1", "--lr belongs to the wronski2020 preset"},
      {g + "--histogram gaussian", "--histogram belongs to the wronski2020 preset"},
      {g + "--no-random-scaling", "--no-random-scaling belongs to the wronski2020 preset"},
      {g + "--steps 100", "--steps belongs to the wronski2020 preset, not to the hvs preset"},
      {g + "--preset annealing --steps 100", "not to the annealing preset"},
      {g + "--method vac --cutoff 0.5", "not to the vac baseline"},
      // The update rule's own coefficients.
      {g + "--preset wronski2020 --momentum 0.5", "--momentum belongs to --optimizer momentum"},
      {g + "--preset wronski2020 --optimizer momentum --beta1 0.8", "--beta1 belongs to --optimizer adam"},
      {g + "--preset wronski2020 --beta2 0.9", "--beta2 belongs to --optimizer adam"},
      // The swap presets' knobs elsewhere.
      {g + "--preset wronski2020 --passes 10",
       "--passes belongs to the hvs, annealing, independent, same-mask and inverted-green methods"},
      {g + "--preset wronski2020 --sigmas 1 --sigma-weights 1",
       "--sigmas belongs to the hvs, annealing, independent, same-mask and inverted-green methods"},
      {g + "--preset wronski2020 --sigma-weights 1,1",
       "--sigma-weights belongs to the hvs, annealing, independent, same-mask and inverted-green"},
      {g + "--preset wronski2020 --temperature 0.5",
       "--temperature belongs to the hvs, annealing, independent, same-mask and inverted-green methods"},
      {g + "--preset wronski2020 --reweight-interval 10",
       "--reweight-interval belongs to the hvs, annealing, independent, same-mask and inverted-green"},
      {g + "--method white --passes 10", "not to the white baseline"},
      {g + "--preset annealing --start-sigma 2", "--start-sigma belongs to the hvs preset"},
      // The baselines' own.
      {g + "--sigma 2", "--sigma belongs to the vac and lottes baselines, not to the hvs preset"},
      {g + "--method bayer --sigma 2", "not to the bayer baseline"},
      {g + "--method white --sigma 2", "not to the white baseline"},
      {g + "--method bayer --seed 3", "Bayer's matrix has no randomness"},
      // The device belongs to the GPU methods.
      {g + "--method vac --device 0",
       "--device belongs to the hvs, annealing, wronski2020, golden-ratio, independent, stratified, same-mask and "
       "inverted-green methods"},
      {g + "--method lottes --validate",
       "--validate belongs to the hvs, annealing, wronski2020, golden-ratio, independent, stratified, same-mask and "
       "inverted-green methods"},
      // A method and a preset at once, a half-given size.
      {g + "--method vac --preset wronski2020", "give one of them"},
      {"generate --width 32 --out {dir}/m.png", "--width needs --height too"},
      {"generate --height 32 --out {dir}/m.png", "--height needs --width too"},
      {"generate --size 16 --width 32 --height 16 --out {dir}/m.png", "not both"},
      {"generate --preset-file {dir}/missing.json --out {dir}/m.png", "missing.json"},
      {"generate --method white --preset-file {dir}/missing.json --size 16 --out {dir}/m.png",
       "--preset-file belongs to"},
      // The swap knobs' numbers, before any work.
      {g + "--sigmas 1,2", "--sigmas needs --sigma-weights too"},
      {g + "--sigma-weights 1", "one weight per sigma is needed (2 sigmas, 1 weights)"},
      {g + "--sigmas 1,1.5,2,3,4 --sigma-weights 1,1,1,1,1", "1 to 4 sigmas"},
      {g + "--sigmas 70 --sigma-weights 1", "sigmas must lie in (0, 64)"},
      {g + "--sigmas 0 --sigma-weights 1", "--sigmas must be finite numbers > 0"},
      {g + "--sigmas 1,1.5 --sigma-weights 0,0", "at least one sigma weight must be > 0"},
      {g + "--sigma-weights 1,nan", "--sigma-weights must be a finite number >= 0"},
      {g + "--start-sigma 0", "--start-sigma must be > 0"},
      {g + "--start-sigma 100", "the start sigma must lie in (0, 64)"},
      {g + "--temperature -1", "--temperature must be a finite number >= 0"},
      {g + "--temperature inf", "--temperature must be a finite number >= 0"},
      {g + "--passes 0", "--passes must be at least 1"},
      {g + "--passes 5000000000", "--passes must be at most 4294967295"},
      {g + "--reweight-interval -1", "--reweight-interval must be between 0"},
      // Commands that do not use the GPU take no device options.
      {"analyze {dir}/m.png --device 0", "--device"},
      {"compare {dir}/m.png {dir}/m.png --validate", "--validate"},
      {"export {dir}/m.png {dir}/m.ktx2 --device 0", "--device"},
  };
  expectRefusals(cases, dir);
  // Bayer's sizes are checked before the work too.
  expectRefusals({{"generate --method bayer --width 12 --height 16 --out {dir}/b.png", "power-of-two"}}, dir);
}

// Spatiotemporal stacks (docs/method.md §8): every bad slice count, filter and combination, before any work.
TEST(CliChecks, StackOptionsAreCheckedBeforeAnyWork) {
  const std::string dir = test::makeTempDir();
  const std::string g = "generate --size 16 --out {dir}/s.npy ";
  expectRefusals(
      {{g + "--slices 0", "--slices must be between 1 and 256"},
       {g + "--slices 257", "--slices must be between 1 and 256"},
       {g + "--slices 8 --temporal box:3", "the temporal filter is ema:ALPHA"},
       {g + "--slices 8 --temporal ema:0", "0 < ALPHA <= 1"},
       {g + "--slices 8 --temporal ema:1.5", "0 < ALPHA <= 1"},
       {g + "--slices 8 --temporal mean:9", "mean:9 averages more frames than the 8 slices"},
       {g + "--slices 8 --temporal gauss:0", "0 < SIGMA"},
       {g + "--temporal ema:0.1", "--temporal is for stacks"},
       {g + "--slices 8 --temporal-weight -1", "--temporal-weight must lie in [0, 100]"},
       {g + "--slices 4 --method vac", "--slices belongs to the hvs, white, golden-ratio, independent"},
       {g + "--slices 4 --preset wronski2020", "--slices belongs to"},
       {g + "--slices 4 --method golden-ratio --temporal ema:0.2",
        "--temporal belongs to the hvs, independent, same-mask and inverted-green methods"},
       {g + "--method independent", "independent makes stacks or colour masks: give the slices"},
       {g + "--method stratified", "stratified makes stacks: give the slices (2 to 256)"},
       {g + "--slices 4 --method stratified --passes 10", "--passes belongs to"},
       {"generate --size 16 --slices 4 --out {dir}/s.h", ".h holds one single-channel mask"},
       {"generate --size 16 --slices 300 --out {dir}/s.png", "--slices must be between 1 and 256"},
       {"generate --width 16 --height 4096 --slices 5 --method white --out {dir}/s.png", "pixels tall (at most 16384"}},
      dir);
}

TEST(CliChecks, OutputsThatCannotBeWrittenAreRefusedBeforeTheWork) {
  const std::string dir = test::makeTempDir();
  std::ofstream(dir + "/a_file") << "x";
  std::ofstream(dir + "/in.npy");  // any file: the output's checks come first
  const std::string g = "generate --size 16 --out ";
  std::vector<Refusal> cases = {
      {g + "{dir}/m.tif", "unknown extension '.tif'"},
      {g + "{dir}/m", "unknown extension ''"},
      {g + "{dir}/missing/m.png", "folder '" + dir + "/missing' does not exist"},
      {g + "{dir}/a_file/m.png", "does not exist"},
      {g + "{dir}", "unknown extension"},
      {"generate --size 16 --out {dir}/", "unknown extension"},
      // 262,144 distinct values do not fit 16 bits: refused up front unless --bits 16 accepts the loss.
      {"generate --size 512 --out {dir}/m.png", "16 bits cannot keep the 262144 distinct values"},
      {"generate --size 512 --method white --out {dir}/m.png", "pass --bits 16 to accept that"},
      {"generate --size 512 --out {dir}/m.h", "holds masks up to 256x256"},
      {"generate --width 512 --height 16 --out {dir}/m.glsl", "holds masks up to 256x256"},
      {"generate --size 512 --preset wronski2020 --out {dir}/m.png", "262144 distinct values"},
      // Filter outputs.
      {"filter --diameter 9 --out {dir}/missing/f.json", "--out " + dir + "/missing/f.json: folder"},
      {"filter --diameter 9 --out {dir}/f.json --sheet {dir}/missing/s.png", "--sheet"},
      {"filter --diameter 9 --out {dir}/f.json --sheet {dir}/s.jpg", "the contact sheet is a .png"},
      {"filter --diameter 9 --out {dir}/f.json --header {dir}/h.txt", "the C header is a .h"},
      {"filter --diameter 9 --out {dir}/f.json --header {dir}/missing/h.h", "--header"},
      // Export: the output before the input is read.
      {"export {dir}/in.npy {dir}/out.tif", "unknown extension '.tif'"},
      {"export {dir}/in.npy {dir}/missing/out.png", "does not exist"},
      {"export {dir}/in.npy {dir}/out.h --name 9bad", "invalid name '9bad'"},
      {"export {dir}/in.npy {dir}/out.png --format r32f", "PNG cannot hold float32"},
      // The report's folder and photo before the analysis.
      {"analyze {dir}/in.npy --report {dir}/a_file/report", "is a file, not a folder"},
      {"analyze {dir}/in.npy --report {dir}/r --photo {dir}/missing.png", "missing.png"},
      {"analyze {dir}/in.npy --photo {dir}/a_file", "give --report DIR too"},
  };
  if (geteuid() != 0) {
    // Permissions do not stop root.
    const std::string locked = dir + "/locked";
    ASSERT_EQ(system(("mkdir '" + locked + "' && chmod 555 '" + locked + "'").c_str()), 0);
    cases.push_back({g + "{dir}/locked/m.png", "is not writable"});
  }
  expectRefusals(cases, dir);
}

// The loss an explicit --bits asks for is said once, with the result, not as a warning.
TEST(CliChecks, ExplicitBitsSayTheirLossOnce) {
  const std::string dir = test::makeTempDir();
  test::CommandResult r = runCli("generate --method vac --size 32 --bits 8 --out " + dir + "/m8.png");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_EQ(r.errors.find("warning"), std::string::npos) << r.errors;
  EXPECT_NE(r.output.find("m8.png; 8 bits cannot keep the 1024 distinct values"), std::string::npos) << r.output;
  EXPECT_EQ(std::count(r.output.begin(), r.output.end(), '\n'), 1) << r.output;
  // No loss, no note: 16x16 has 256 values.
  r = runCli("generate --method vac --size 16 --bits 8 --out " + dir + "/m16.png");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_EQ(r.output, "wrote " + dir + "/m16.png\n");
}

nlohmann::json summaryOf(const test::CommandResult& r) { return nlohmann::json::parse(r.output, nullptr, false); }

TEST(CliChecks, PresetsHaveOneNameAndTheirKnobsReachTheRun) {
  const std::string dir = test::makeTempDir();
  const std::string common = "generate --validate --quiet --json --size 16 --passes 40 ";
  // "default" is the old name of hvs: the same run, reported as hvs.
  test::CommandResult hvs = runCli(common + "--out " + dir + "/hvs.png");
  test::CommandResult old = runCli(common + "--preset default --out " + dir + "/default.png");
  ASSERT_EQ(hvs.exitCode, 0) << hvs.errors;
  ASSERT_EQ(old.exitCode, 0) << old.errors;
  EXPECT_EQ(summaryOf(hvs).value("preset", ""), "hvs");
  EXPECT_EQ(summaryOf(old).value("preset", ""), "hvs");
  EXPECT_EQ(summaryOf(hvs).value("passes", 0), 40);
  EXPECT_EQ(test::slurpBytes(dir + "/hvs.png"), test::slurpBytes(dir + "/default.png"));
  // The preset's own knobs given explicitly change nothing; other values change the mask.
  test::CommandResult same = runCli(common +
                                    "--sigmas 1,1.5 --sigma-weights 1,2 --start-sigma 1.5 --temperature 0 "
                                    "--reweight-interval 250 --out " +
                                    dir + "/same.png");
  test::CommandResult other = runCli(common + "--sigmas 1.2 --sigma-weights 1 --out " + dir + "/other.png");
  ASSERT_EQ(same.exitCode, 0) << same.errors;
  ASSERT_EQ(other.exitCode, 0) << other.errors;
  EXPECT_EQ(test::slurpBytes(dir + "/hvs.png"), test::slurpBytes(dir + "/same.png"));
  EXPECT_NE(test::slurpBytes(dir + "/hvs.png"), test::slurpBytes(dir + "/other.png"));
  // The annealing preset from the command line, with its knobs.
  test::CommandResult annealing = runCli(common + "--preset annealing --temperature 0.3 --reweight-interval 20 --out " +
                                         dir + "/a.png");
  ASSERT_EQ(annealing.exitCode, 0) << annealing.errors;
  EXPECT_EQ(summaryOf(annealing).value("preset", ""), "annealing");
  Mask mask;
  std::string error;
  ASSERT_TRUE(readMask(dir + "/a.png", &mask, &error)) << error;
  EXPECT_TRUE(isExactPermutation(mask));
}

TEST(CliChecks, StepsAddUp) {
  const std::string dir = test::makeTempDir();
  test::CommandResult r = runCli("generate --quiet --json --preset wronski2020 --size 16 --steps 30 --out " + dir +
                                 "/w.png");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  const nlohmann::json summary = summaryOf(r);
  EXPECT_EQ(summary.value("steps", 0), 30);
  EXPECT_EQ(summary.value("finetune_steps", 0), 10);
  EXPECT_EQ(summary["finetune_loss"].value("step", 0), 40) << "the fine-tune's last step is the 40th";
  r = runCli("generate --preset wronski2020 --size 16 --steps 30 --out " + dir + "/w2.png");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_NE(r.errors.find("30 steps + 10 fine-tune steps"), std::string::npos) << r.errors;
  EXPECT_NE(r.errors.find("low_frequency"), std::string::npos) << "the loss terms carry the JSON's names";
}

// Off a terminal (a pipe, a CI log) a run of a few seconds says how far it is in plain lines; --quiet silences it.
TEST(CliChecks, ProgressAppearsOffATerminal) {
  const std::string dir = test::makeTempDir();
  const char* cli = std::getenv("SPECDITHER_CLI");
  ASSERT_NE(cli, nullptr);
  // stderr into a pipe (cat's stdout is what runShell collects; the braces keep runShell's </dev/null off cat),
  // stdout away. 64x64: several seconds on lavapipe.
  const std::string run = std::string("'") + cli + "' generate --size 64 --out " + dir + "/m.png";
  const auto start = std::chrono::steady_clock::now();
  test::CommandResult r = test::runShell("{ " + run + " 2>&1 >/dev/null | cat; }");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.exitCode, 0) << r.output;
  ASSERT_TRUE(test::fileExists(dir + "/m.png")) << run << "\n" << r.output << r.errors;
  if (seconds < 1.5) GTEST_SKIP() << "the run took " << seconds << " s: too fast for a progress line";
  size_t lines = 0;
  for (size_t at = 0; (at = r.output.find("specdither: generate: ", at)) != std::string::npos; ++at) {
    const std::string line = r.output.substr(at, r.output.find('\n', at) - at);
    EXPECT_NE(line.find("% "), std::string::npos) << line;
    EXPECT_NE(line.find(" elapsed"), std::string::npos) << line;
    ++lines;
  }
  EXPECT_GE(lines, 1u) << r.output;
  EXPECT_EQ(r.output.find('\r'), std::string::npos) << "no bar redraws off a terminal";
  r = test::runShell("{ " + run + " --quiet 2>&1 >/dev/null | cat; }");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  EXPECT_EQ(r.output.find("specdither: generate: "), std::string::npos) << r.output;
}

TEST(CliChecks, DevicesTakesTheDeviceOptions) {
  test::CommandResult r = runCli("devices --device 0 --validate");
  ASSERT_EQ(r.exitCode, 0) << r.errors;
  EXPECT_NE(r.output.find("chosen: 0: llvmpipe"), std::string::npos) << r.output;
  r = runCli("devices --device nosuchgpu");
  EXPECT_EQ(r.exitCode, 1);
  EXPECT_EQ(std::count(r.errors.begin(), r.errors.end(), '\n'), 1) << r.errors;
}

}  // namespace
