// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/canvas/canvasstyle.h"

#include <QGuiApplication>
#include <QHash>
#include <QPalette>

namespace ew::ui {

QColor CanvasStyle::categoryColor(const QString &category)
{
    // AWS-like category colours: integration (pink), compute (orange), data (green/blue).
    static const QHash<QString, QColor> colors = {
        {QStringLiteral("sync-trigger"), QColor(0x8C, 0x4F, 0xFF)},
        {QStringLiteral("async-trigger"), QColor(0xE7, 0x15, 0x7B)},
        {QStringLiteral("poll-source"), QColor(0xC9, 0x25, 0x5D)},
        {QStringLiteral("compute"), QColor(0xED, 0x71, 0x00)},
        {QStringLiteral("destination"), QColor(0x3B, 0x48, 0xCC)},
    };
    return colors.value(category, QColor(0x7D, 0x89, 0x98));
}

QString CanvasStyle::badgeText(const QString &kind)
{
    static const QHash<QString, QString> badges = {
        {QStringLiteral("apigateway-rest"), QStringLiteral("API")},
        {QStringLiteral("apigateway-http"), QStringLiteral("HTTP")},
        {QStringLiteral("s3-bucket"), QStringLiteral("S3")},
        {QStringLiteral("sns-topic"), QStringLiteral("SNS")},
        {QStringLiteral("eventbridge-rule"), QStringLiteral("EB")},
        {QStringLiteral("eventbridge-schedule"), QStringLiteral("⏱")},
        {QStringLiteral("eventbridge-bus"), QStringLiteral("BUS")},
        {QStringLiteral("sqs-queue"), QStringLiteral("SQS")},
        {QStringLiteral("kinesis-stream"), QStringLiteral("KDS")},
        {QStringLiteral("dynamodb-table"), QStringLiteral("DDB")},
        {QStringLiteral("msk-cluster"), QStringLiteral("MSK")},
        {QStringLiteral("lambda-function"), QStringLiteral("λ")},
    };
    return badges.value(kind, QStringLiteral("?"));
}

// Light and dark canvases follow the system palette (the window colour's lightness).
bool CanvasStyle::isDark()
{
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}

QColor CanvasStyle::cardFill() { return isDark() ? QColor(0x23, 0x2A, 0x33) : QColor(0xFF, 0xFF, 0xFF); }
QColor CanvasStyle::cardBorder(bool selected)
{
    if (selected)
        return isDark() ? QColor(0x4C, 0xB0, 0xFF) : QColor(0x00, 0x73, 0xBB);
    return isDark() ? QColor(0x4A, 0x55, 0x63) : QColor(0xB8, 0xC0, 0xCC);
}
QColor CanvasStyle::textColor() { return isDark() ? QColor(0xE8, 0xEC, 0xF1) : QColor(0x16, 0x19, 0x1F); }
QColor CanvasStyle::secondaryTextColor() { return isDark() ? QColor(0xA3, 0xAD, 0xB9) : QColor(0x5F, 0x6B, 0x7A); }
QColor CanvasStyle::background() { return isDark() ? QColor(0x16, 0x1B, 0x22) : QColor(0xF4, 0xF6, 0xF8); }
QColor CanvasStyle::gridColor() { return isDark() ? QColor(0x22, 0x29, 0x31) : QColor(0xE3, 0xE7, 0xEC); }

QPen CanvasStyle::connectionPen(const QString &role, core::Invocation sourceInvocation)
{
    QPen pen(QColor(0x42, 0x4B, 0x57), 1.8);
    pen.setCapStyle(Qt::RoundCap);
    if (role == u"trigger") {
        switch (sourceInvocation) {
        case core::Invocation::Sync: pen.setStyle(Qt::SolidLine); break;
        case core::Invocation::Async: pen.setStyle(Qt::DashLine); break;
        case core::Invocation::Poll: pen.setStyle(Qt::DotLine); pen.setWidthF(2.4); break;
        case core::Invocation::None: break;
        }
    } else if (role == u"on-success") {
        pen.setColor(QColor(0x1D, 0x81, 0x02));
        pen.setStyle(Qt::DashLine);
    } else if (role == u"on-failure" || role == u"dead-letter") {
        pen.setColor(QColor(0xD1, 0x32, 0x12));
        pen.setStyle(Qt::DashLine);
    } else if (role == u"access") {
        pen.setColor(QColor(0x8D, 0x99, 0xA8));
        pen.setWidthF(1.2);
    } else if (role == u"target") {
        pen.setColor(QColor(0x3B, 0x48, 0xCC));
        pen.setStyle(Qt::DashLine);
    }
    // Round caps on every dash or dot cost five times the painting of the whole canvas at
    // 100 % (each cap is a curve to stroke); dashes and dots get flat caps.
    if (pen.style() != Qt::SolidLine)
        pen.setCapStyle(Qt::FlatCap);
    return pen;
}

QColor CanvasStyle::verdictColor(bool allowed)
{
    return allowed ? QColor(0x1D, 0x81, 0x02) : QColor(0xD1, 0x32, 0x12);
}

QColor CanvasStyle::severityColor(core::Severity severity)
{
    switch (severity) {
    case core::Severity::Error: return QColor(0xD1, 0x32, 0x12);
    case core::Severity::Warning: return QColor(0xC7, 0x7A, 0x00);
    case core::Severity::Info: return QColor(0x00, 0x73, 0xBB);
    }
    return {};
}

QColor CanvasStyle::fateColor(core::sim::Fate fate)
{
    // Distinct from the connection pens (on-success #1D8102, on-failure #D13212) so that a dot
    // never reads as a line, and from each other for the common colour-vision deficiencies by
    // lightness as well as hue.
    const bool dark = isDark();
    switch (fate) {
    case core::sim::Fate::Succeeded: return dark ? QColor(0x3F, 0xD0, 0x5A) : QColor(0x2E, 0xA0, 0x43);
    case core::sim::Fate::ToOnFailure: return dark ? QColor(0xFF, 0x9E, 0x3D) : QColor(0xE8, 0x7B, 0x00);
    case core::sim::Fate::DeadLettered: return dark ? QColor(0xC0, 0x8C, 0xFF) : QColor(0x8A, 0x3F, 0xFC);
    case core::sim::Fate::Discarded: return dark ? QColor(0xFF, 0x5C, 0x5C) : QColor(0xF0, 0x3A, 0x3A);
    case core::sim::Fate::Rejected: return dark ? QColor(0xC4, 0x2B, 0x3C) : QColor(0x8E, 0x0B, 0x1E);
    case core::sim::Fate::InFlight: return dark ? QColor(0x9A, 0xA5, 0xB1) : QColor(0x7D, 0x89, 0x98);
    }
    return {};
}

QColor CanvasStyle::counterFill() { return isDark() ? QColor(0x2C, 0x34, 0x3F) : QColor(0x16, 0x19, 0x1F); }
QColor CanvasStyle::counterText() { return isDark() ? QColor(0xE8, 0xEC, 0xF1) : QColor(0xFF, 0xFF, 0xFF); }

QFont CanvasStyle::titleFont()
{
    static const QFont f = [] {
        QFont font;
        font.setPointSizeF(10);
        font.setBold(true);
        return font;
    }();
    return f;
}

QFont CanvasStyle::detailFont()
{
    static const QFont f = [] {
        QFont font;
        font.setPointSizeF(8);
        return font;
    }();
    return f;
}

} // namespace ew::ui
