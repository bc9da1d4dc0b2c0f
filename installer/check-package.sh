#!/usr/bin/env bash
# Builds the .deb from a configured build directory and checks that it contains the
# executable, the desktop entry, the icon, the MIME type, the examples and the documentation
# (README and docs/, for Help → Documentation). Usage: check-package.sh BUILD_DIR
set -euo pipefail
build=${1:?usage: check-package.sh BUILD_DIR}
cd "$build"
rm -f eventwright_*.deb
cpack -G DEB >cpack.log 2>&1 || { cat cpack.log; echo "FAIL: cpack failed"; exit 1; }
deb=$(ls eventwright_*.deb | head -1)
contents=$(dpkg-deb -c "$deb")
fail=0
for path in ./usr/bin/eventwright \
            ./usr/share/applications/eventwright.desktop \
            ./usr/share/icons/hicolor/scalable/apps/eventwright.svg \
            ./usr/share/mime/packages/eventwright.xml \
            ./usr/share/eventwright/examples/sns-fanout.ew.yaml \
            ./usr/share/doc/eventwright/README.md \
            ./usr/share/doc/eventwright/docs/validation.md; do
  if grep -q " $path\$" <<<"$contents"; then echo "ok: $path"; else echo "MISSING: $path"; fail=1; fi
done
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
grep -q "libqt6widgets6" <<<"$depends" || { echo "MISSING: dependency on libqt6widgets6"; fail=1; }
grep -q "application/x-eventwright-project" < <(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/applications/eventwright.desktop) \
  || { echo "MISSING: MimeType in desktop entry"; fail=1; }
[ $fail = 0 ] && echo "package $deb: OK"
exit $fail
