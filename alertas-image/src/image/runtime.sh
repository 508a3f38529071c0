#!/bin/sh
# runtime.sh JDK MODULES OUT: the part of the image's root filesystem that comes from the build machine, below OUT.
#  - OUT/opt/java/openjdk: a Java runtime that jlink makes from JDK's jmods with MODULES only (comma-separated), without
#    debug attributes, man pages and headers, and with the JDK's class-data archive (lib/server/classes.jsa: the
#    classes of the JDK's default class list, dumped now so that each start maps them instead of loading them).
#  - the shared libraries that runtime loads (ldd names them: libc, libm, libz, libstdc++, libgcc_s and the dynamic
#    loader), copied from this machine to the same paths, and each one's Debian copyright file where dpkg knows it.
# The image has no base image (none can be fetched here), so these are all of its native code.
set -eu
jdk=$1
modules=$2
out=$3

if [ "$(uname -s)" != Linux ]; then
  echo "runtime.sh: the image's Java runtime and libraries are this machine's: build the image on Linux" >&2
  exit 1
fi
if [ ! -f "$jdk/jmods/java.base.jmod" ]; then
  echo "runtime.sh: $jdk has no jmods/ for jlink (install the JDK's jmods package, e.g. java-17-openjdk-jmods)" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out/opt/java"
runtime="$out/opt/java/openjdk"
"$jdk/bin/jlink" --module-path "$jdk/jmods" --add-modules "$modules" --strip-debug --no-man-pages \
  --no-header-files --generate-cds-archive --output "$runtime" >/dev/null
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
