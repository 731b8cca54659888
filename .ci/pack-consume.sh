#!/usr/bin/env bash
# Pack-and-consume proof: packs MultiModel, MultiModel.Redis and MultiModel.Testing (package validation on) into a temporary folder feed, checks what the
# packages hold, then builds and runs a fresh console app that references them from that feed (dependencies come
# from the normal registry) and gets an answer through AddMultiModel() from the provider emulator.
# Expects the solution to be built in Release already (.ci/run does it). Fails loudly on any deviation.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

fail() { echo "pack-consume: FAILED: $*" >&2; exit 1; }

work="$(mktemp -d)"
version="0.1.0-local.$(date +%Y%m%d%H%M%S).$$"
cleanup() {
  rm -rf "$work"
  # The unique version keeps stale packages out; drop its copies from the global package folder afterwards.
  local packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
  rm -rf "$packages/multimodel/$version" "$packages/multimodel.testing/$version" "$packages/multimodel.redis/$version"
}
trap cleanup EXIT

feed="$work/feed"
# Package validation runs on pack (Directory.Build.props); a failed check fails the pack below.
for id in MultiModel MultiModel.Redis MultiModel.Testing; do
  [ "$(dotnet msbuild "$repo/src/$id/$id.csproj" -getProperty:EnablePackageValidation -p:Configuration=Release)" = "true" ] \
    || fail "$id does not enable package validation"
done
dotnet pack "$repo/src/MultiModel/MultiModel.csproj" -c Release --no-build -o "$feed" -p:Version="$version" --nologo -v:q
dotnet pack "$repo/src/MultiModel.Testing/MultiModel.Testing.csproj" -c Release --no-build -o "$feed" -p:Version="$version" --nologo -v:q
dotnet pack "$repo/src/MultiModel.Redis/MultiModel.Redis.csproj" -c Release --no-build -o "$feed" -p:Version="$version" --nologo -v:q

for id in MultiModel MultiModel.Redis MultiModel.Testing; do
  nupkg="$feed/$id.$version.nupkg"
  snupkg="$feed/$id.$version.snupkg"
  [ -f "$nupkg" ] || fail "$nupkg was not produced"
  [ -f "$snupkg" ] || fail "$snupkg was not produced"
  listing="$(unzip -l "$nupkg")"
  for entry in README.md "lib/net10.0/$id.dll" "lib/net10.0/$id.xml" "$id.nuspec"; do
    grep -q " $entry\$" <<<"$listing" || fail "$id.nupkg lacks $entry"
  done
  symbols="$(unzip -l "$snupkg")"
  grep -q " lib/net10.0/$id.pdb\$" <<<"$symbols" || fail "$id.snupkg lacks the pdb"
  nuspec="$(unzip -p "$nupkg" "$id.nuspec")"
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$id.nuspec has no license expression"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$id.nuspec has no readme"
  grep -Eq '<repository type="git" url="https://[^"]+"[^>]* commit="[0-9a-f]{40}"' <<<"$nuspec" || fail "$id.nuspec has no repository commit"
  echo "pack-consume: $id $version: README, XML docs, symbols, license and repository commit present"
done

app="$work/app"
mkdir -p "$app"
cat > "$app/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="MultiModel" />
      <package pattern="MultiModel.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
XML
cat > "$app/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="MultiModel" Version="$version" />
    <PackageReference Include="MultiModel.Testing" Version="$version" />
    <PackageReference Include="MultiModel.Redis" Version="$version" />
  </ItemGroup>
</Project>
XML
cat > "$app/Program.cs" <<'CS'
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MultiModel;
using MultiModel.Testing;

await using var emulator = await ProviderEmulator.StartAsync(new ProviderEmulatorOptions { DefaultAnswer = "Consumed from the package feed." });
emulator.Xai.Default = EmulatorBehavior.Status(503);

var services = new ServiceCollection();
services.AddMultiModel()
    .AddGrok(configure: o => { o.BaseUrl = emulator.XaiBaseUrl; o.ApiKey = emulator.Xai.ApiKey; })
    .AddClaude(configure: o => { o.BaseUrl = emulator.AnthropicBaseUrl; o.ApiKey = emulator.Anthropic.ApiKey; })
    // Shared state on a loopback port where no server listens: the package loads, and calls go on with local state.
    .AddRedisSharedState(o => o.Configuration = "127.0.0.1:9,connectTimeout=200");
await using var provider = services.BuildServiceProvider();

var response = await provider.GetRequiredService<IChatProvider>().GetResponseAsync(new ChatRequest("Status?"));
var shared = (await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Entries["multimodel-shared-state"];
Console.WriteLine($"{response.ProviderName} answered: {response.Text} ({string.Join("; ", response.Attempts)}); shared state {shared.Status}");
return response is { ProviderName: "claude", Text: "Consumed from the package feed." } && response.Attempts.Count == 2 && shared.Status == HealthStatus.Degraded ? 0 : 1;
CS

(cd "$app" && dotnet run -c Release --nologo) || fail "the consumer app did not get the expected answer"
grep -q "\"MultiModel/$version\"" "$app/obj/project.assets.json" || fail "MultiModel was not restored from the local feed"
grep -q "\"MultiModel.Redis/$version\"" "$app/obj/project.assets.json" || fail "MultiModel.Redis was not restored from the local feed"
echo "pack-consume: OK"
