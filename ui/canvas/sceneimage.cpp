// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/canvas/sceneimage.h"

#include "ui/canvas/diagramscene.h"

#include <core/io/atomicwrite.h>

#include <QBuffer>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

namespace ew::ui {

namespace {

/// The picture's size in pixels for a scene extent, at `natural` pixels per scene unit unless
/// that exceeds the bounds; `factor` is the fraction of the natural size kept (1 = none lost).
struct Fit
{
    QSize size;
    qreal factor = 1;
};

Fit fit(const QSizeF &extent, qreal natural, qint64 maxPixels)
{
    const qreal w = extent.width() * natural;
    const qreal h = extent.height() * natural;
    qreal factor = std::min({qreal(1), MaxImageSide / w, MaxImageSide / h});
    if (w * factor * h * factor > qreal(maxPixels))
        factor = std::sqrt(qreal(maxPixels) / (w * h));
    // Whole pixels, at least one, never past the bounds after rounding.
    const int pw = std::clamp(int(std::ceil(w * factor)), 1, MaxImageSide);
    const int ph = std::clamp(int(std::min(std::ceil(h * factor), qreal(maxPixels / pw))), 1, MaxImageSide);
    return {QSize(pw, ph), factor};
}

QString percent(qreal factor)
{
    const qreal p = factor * 100;
    return p >= 1 ? QString::number(p, 'f', p >= 10 ? 0 : 1) : QString::number(p, 'g', 2);
}

} // namespace

bool renderSceneToFile(DiagramScene &scene, const QString &path, QString *errorMessage, QString *note)
{
    auto fail = [&](const QString &message) {
        if (errorMessage)
            *errorMessage = message;
        return false;
    };
    const QString suffix = QFileInfo(path).suffix().toLower();
    const bool png = suffix == u"png";
    if (!png && suffix != u"svg")
        return fail(QStringLiteral("unknown image type '%1': use .png or .svg").arg(suffix));
    QRectF source = scene.contentsRect();
    if (source.isEmpty() || !std::isfinite(source.width()) || !std::isfinite(source.height()))
        source = QRectF(0, 0, 400, 300);
    scene.clearSelection();

    const Fit f = fit(source.size(), png ? 2.0 : 1.0, png ? MaxImagePixels : qint64(MaxImageSide) * MaxImageSide);
    const QRectF target(QPointF(0, 0), QSizeF(f.size));
    if (f.factor < 1 && note) {
        *note = png ? QStringLiteral("image scaled to %1 % of its size (%2 × %3 px) to stay within %4 px "
                                     "per side and %5 megapixels")
                          .arg(percent(f.factor)).arg(f.size.width()).arg(f.size.height())
                          .arg(MaxImageSide).arg(MaxImagePixels / 1'000'000)
                    : QStringLiteral("drawing scaled to %1 % of its size (%2 × %3) to stay within %4 "
                                     "units per side")
                          .arg(percent(f.factor)).arg(f.size.width()).arg(f.size.height()).arg(MaxImageSide);
    }

    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (png) {
        QImage image(f.size, QImage::Format_ARGB32_Premultiplied);
        if (image.isNull())
            return fail(QStringLiteral("cannot allocate a %1 × %2 px image (out of memory)")
                            .arg(f.size.width()).arg(f.size.height()));
        image.fill(Qt::white);
        QPainter painter;
        if (!painter.begin(&image))
            return fail(QStringLiteral("cannot paint the image"));
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        scene.render(&painter, target, source, Qt::IgnoreAspectRatio);
        if (!painter.end())
            return fail(QStringLiteral("painting the image failed"));
        if (!image.save(&buffer, "PNG") || bytes.isEmpty())
            return fail(QStringLiteral("cannot encode the %1 × %2 px image as PNG")
                            .arg(f.size.width()).arg(f.size.height()));
    } else {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(f.size);
        generator.setViewBox(target);
        generator.setTitle(QStringLiteral("Eventwright diagram"));
        QPainter painter;
        if (!painter.begin(&generator))
            return fail(QStringLiteral("cannot paint the drawing"));
        scene.render(&painter, target, source, Qt::IgnoreAspectRatio);
        if (!painter.end() || bytes.isEmpty())
            return fail(QStringLiteral("painting the drawing failed"));
    }
    buffer.close();
    return core::writeFileAtomically(path, bytes, errorMessage);
}

} // namespace ew::ui
