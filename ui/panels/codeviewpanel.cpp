// Copyright (C) 2026 Eventwright contributors
// SPDX-License-Identifier: MIT
#include "ui/panels/codeviewpanel.h"

#include "ui/panels/codehighlighter.h"

#include <core/export/exporterregistry.h>
#include <core/export/exportwriter.h>
#include <core/io/atomicwrite.h>

#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace ew::ui {

CodeViewPanel::CodeViewPanel(const core::Diagram &diagram, const core::Catalog &catalog,
                             const core::ExporterRegistry &registry, QWidget *parent)
    : QWidget(parent)
    , m_diagram(diagram)
    , m_catalog(catalog)
    , m_registry(registry)
    , m_tabs(new QTabWidget(this))
{
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (const auto &exporter : registry.exporters()) {
        auto *edit = new QPlainTextEdit(this);
        edit->setObjectName(QStringLiteral("code_") + exporter->id());
        edit->setReadOnly(true);
        edit->setFont(mono);
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
        auto *highlighter = new CodeHighlighter(CodeHighlighter::languageForExporter(exporter->id()),
                                                edit->document());
        highlighter->setObjectName(QStringLiteral("highlighter_") + exporter->id());
        highlighter->setPalette(palette());
        m_tabs->addTab(edit, exporter->displayName());
        m_editors << edit;
        m_highlighters << highlighter;
    }
    auto *save = new QPushButton(tr("Save as…"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_tabs, 1);
    layout->addLayout(buttons);
    connect(save, &QPushButton::clicked, this, &CodeViewPanel::saveAs);

    m_timer.setSingleShot(true);
    m_timer.setInterval(300);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    connect(&diagram, &core::Diagram::changed, &m_timer, qOverload<>(&QTimer::start));
}

void CodeViewPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void CodeViewPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // A theme switch (light ↔ dark) recolours the code: the formats derive from the palette
    // (the panel's: its editors inherit it, but receive the change after the panel).
    if (event->type() == QEvent::PaletteChange) {
        for (CodeHighlighter *highlighter : std::as_const(m_highlighters))
            highlighter->setPalette(palette());
    }
}

QSize CodeViewPanel::sizeHint() const
{
    const QSize base = QWidget::sizeHint();
    const int lines = 12;
    const int lineHeight = m_editors.isEmpty() ? fontMetrics().lineSpacing()
                                               : m_editors.first()->fontMetrics().lineSpacing();
    // Twelve lines of code plus the tab bar, the button row and the frames around them.
    const int chrome = m_tabs->tabBar()->sizeHint().height() + 3 * fontMetrics().height() + 24;
    return QSize(base.width(), std::max(base.height(), lines * lineHeight + chrome));
}

void CodeViewPanel::refresh()
{
    for (size_t i = 0; i < m_registry.exporters().size(); ++i) {
        const core::ExportResult r = m_registry.exporters()[i]->exportDiagram(m_diagram.data(), m_catalog);
        QString text;
        for (const core::ExportFile &f : r.files) {
            if (r.files.size() > 1)
                text += QStringLiteral("# file: %1\n").arg(f.name);
            text += QString::fromUtf8(f.content);
        }
        QPlainTextEdit *edit = m_editors[int(i)];
        if (edit->toPlainText() != text) {
            const int scroll = edit->verticalScrollBar() ? edit->verticalScrollBar()->value() : 0;
            edit->setPlainText(text);
            edit->verticalScrollBar()->setValue(scroll);
        }
    }
}

QString CodeViewPanel::text(const QString &exporterId) const
{
    for (size_t i = 0; i < m_registry.exporters().size(); ++i) {
        if (m_registry.exporters()[i]->id() == exporterId)
            return m_editors[int(i)]->toPlainText();
    }
    return {};
}

QPlainTextEdit *CodeViewPanel::editor(const QString &exporterId) const
{
    for (size_t i = 0; i < m_registry.exporters().size(); ++i) {
        if (m_registry.exporters()[i]->id() == exporterId)
            return m_editors[int(i)];
    }
    return nullptr;
}

CodeHighlighter *CodeViewPanel::highlighter(const QString &exporterId) const
{
    for (size_t i = 0; i < m_registry.exporters().size(); ++i) {
        if (m_registry.exporters()[i]->id() == exporterId)
            return m_highlighters[int(i)];
    }
    return nullptr;
}

void CodeViewPanel::saveAs()
{
    const int i = m_tabs->currentIndex();
    if (i < 0)
        return;
    const core::Exporter &exporter = *m_registry.exporters()[size_t(i)];
    saveExport(this, exporter, exporter.exportDiagram(m_diagram.data(), m_catalog));
}

QString CodeViewPanel::saveExport(QWidget *parent, const core::Exporter &exporter,
                                  const core::ExportResult &result)
{
    QString path;
    if (exporter.isFolder()) {
        path = QFileDialog::getExistingDirectory(parent, tr("Export %1 into").arg(exporter.displayName()));
    } else {
        const QString suggested = result.files.isEmpty() ? QString() : result.files.first().name;
        path = QFileDialog::getSaveFileName(parent, tr("Save %1").arg(exporter.displayName()), suggested);
    }
    if (path.isEmpty())
        return {};
    QString error;
    if (!core::writeExport(exporter, result, path, &error)) {
        QMessageBox::warning(parent, tr("Export failed"), error);
        return {};
    }
    return path;
}

} // namespace ew::ui
