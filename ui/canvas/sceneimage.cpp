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

namespace ew::ui {

bool renderSceneToFile(DiagramScene &scene, const QString &path, QString *errorMessage)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    QRectF source = scene.contentsRect();
    if (source.isEmpty())
        source = QRectF(0, 0, 400, 300);
    scene.clearSelection();

    QByteArray bytes;
    if (suffix == u"png") {
        const qreal scale = 2.0;
        QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(scale);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        scene.render(&painter, QRectF(QPointF(0, 0), source.size()), source);
        painter.end();
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        image.save(&buffer, "PNG");
    } else if (suffix == u"svg") {
        QBuffer buffer(&bytes);
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(source.size().toSize());
        generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
        generator.setTitle(QStringLiteral("Eventwright diagram"));
        QPainter painter(&generator);
        scene.render(&painter, QRectF(QPointF(0, 0), source.size()), source);
        painter.end();
    } else {
        if (errorMessage)
            *errorMessage = QStringLiteral("unknown image type '%1': use .png or .svg").arg(suffix);
        return false;
    }
    return core::writeFileAtomically(path, bytes, errorMessage);
}

} // namespace ew::ui
