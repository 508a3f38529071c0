#!/bin/sh
# runtime.sh JDK MODULES JAR OUT: the part of the image's root filesystem that comes from the build machine, below OUT.
#  - OUT/opt/java/openjdk: a Java runtime that jlink makes from JDK's jmods (or, on a JDK without them, from its own
#    run-time image, JEP 493) with MODULES only (comma-separated), without debug attributes, man pages and headers,
#    and with the JDK's class-data archive (lib/server/classes.jsa: the classes of the JDK's default class list,
#    dumped now so that each start maps them instead of loading them).
#  - on a JDK of release 25 or later, also lib/server/alertas.aot: an AOT cache (JEPs 483, 515) of the runner JAR,
#    recorded by a training run (validate of the config init writes) in a chroot of OUT, which the entrypoint names
#    (pom.xml, profile java25) in place of -Xshare:auto.
#  - the shared libraries that runtime loads (ldd names them: libc, libm, libz, libstdc++, libgcc_s and the dynamic
#    loader), copied from this machine to the same paths, and each one's Debian copyright file where dpkg knows it.
# The image has no base image (none can be fetched here), so these are all of its native code.
set -eu
jdk=$1
modules=$2
jar=$3
out=$4

if [ "$(uname -s)" != Linux ]; then
  echo "runtime.sh: the image's Java runtime and libraries are this machine's: build the image on Linux" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out/opt/java"
runtime="$out/opt/java/openjdk"
jmods=""
if [ -f "$jdk/jmods/java.base.jmod" ]; then
  jmods="--module-path $jdk/jmods"
fi
# shellcheck disable=SC2086 # none or two words
if ! "$jdk/bin/jlink" $jmods --add-modules "$modules" --strip-debug --no-man-pages \
  --no-header-files --generate-cds-archive --output "$runtime" >/dev/null 2>&1; then
  echo "runtime.sh: jlink could not link $jdk: it has no jmods/ (install the JDK's jmods package, e.g. java-17-openjdk-jmods)" \
    "and cannot link from its run-time image" >&2
  exit 1
fi
# The archive for heaps past 32 GB (no compressed oops), which a pass never has: 11 MB less in the image.
rm "$runtime/lib/server/classes_nocoops.jsa"
# A JDK whose legal notices are links into its own tree (Debian's): the image gets the files.
find "$runtime/legal" -type l | while read -r link; do
  cp -L "$link" "$link.copy"
  mv "$link.copy" "$link"
done

libraries=$(find "$runtime" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \) -exec \
  env LD_LIBRARY_PATH="$runtime/lib/server:$runtime/lib" ldd {} \; |
  awk '$2 == "=>" && $3 == "not" { print "missing " $1; next }
       $2 == "=>" { print $3; next }
       $1 ~ /^\// { print $1 }' | sort -u)
if echo "$libraries" | grep -q '^missing '; then
  echo "runtime.sh: the runtime needs libraries this machine lacks: $(echo "$libraries" | sed -n 's/^missing //p' | tr '\n' ' ')" >&2
  exit 1
fi
for library in $libraries; do
  case "$library" in "$runtime"/*) continue ;; esac
  mkdir -p "$out$(dirname "$library")"
  cp -L "$library" "$out$library"
  package=$( (dpkg-query -S "$library" || dpkg-query -S "$(readlink -f "$library")") 2>/dev/null | cut -d: -f1 | head -n 1) ||
    package=""
  if [ -n "$package" ] && [ -f "/usr/share/doc/$package/copyright" ]; then
    mkdir -p "$out/usr/share/doc/$package"
    cp "/usr/share/doc/$package/copyright" "$out/usr/share/doc/$package/copyright"
  fi
done

# Where the config dir is mounted, and a /tmp for the JVM.
mkdir -p "$out/etc/alertas" "$out/tmp"

if [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$runtime/release")" -ge 25 ]; then
  # The training run, at the image's own paths: in a chroot of OUT (with a /proc), in namespaces of its own (as root,
  # or in a user namespace). Recorded at other paths, the JVM still takes the cache but gives the runner's classes no
  # code location, and a pass fails. The flags are the entrypoint's (pom.xml, profile java25). The jar and the config
  # below OUT are the training's only: the image's jar comes in its own layer.
  mkdir -p "$out/usr/share/alertas/lib" "$out/proc"
  cp "$jar" "$out/usr/share/alertas/lib/alert-runner.jar"
  if [ "$(id -u)" -eq 0 ]; then namespaces="-m -p -f"; else namespaces="-r -m -p -f"; fi
  # shellcheck disable=SC2016,SC2086 # $1 is the chroot's; none or one word
  unshare $namespaces sh -c '
    mount -t proc proc "$1/proc" || exit 1
    java="chroot $1 /opt/java/openjdk/bin/java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xmn8m"
    jar=/usr/share/alertas/lib/alert-runner.jar
    $java -jar $jar init /tmp/training >/dev/null &&
      $java -XX:AOTMode=record -XX:AOTConfiguration=/tmp/alertas.aotconf -jar $jar validate --config /tmp/training \
        >/dev/null 2>&1 &&
      $java -XX:AOTMode=create -XX:AOTConfiguration=/tmp/alertas.aotconf \
        -XX:AOTCache=/opt/java/openjdk/lib/server/alertas.aot -jar $jar >/dev/null' training "$out" ||
    { echo "runtime.sh: the training run for the AOT cache failed (it needs root or user namespaces: unshare)" >&2; exit 1; }
  rm -rf "$out/usr/share/alertas" "$out/tmp/training" "$out/tmp/alertas.aotconf" "$out/proc"
fi
