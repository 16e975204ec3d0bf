#include "operatorwindow.h"

#include "applicationsdialog.h"
#include "busyindicator.h"
#include "client/operatorsession.h"
#include "core/errorcodes.h"
#include "emptystate.h"
#include "errortext.h"
#include "prompter.h"
#include "screenfit.h"

#include <QBuffer>
#include <QCloseEvent>
#include <QColor>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFont>
#include <QFontMetrics>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

#ifdef SG_HAVE_QTPDF
#include <QPdfDocument>
#endif

#include <algorithm>

namespace sg::ui {

using client::DirectorRequestModel;

namespace {

#ifdef SG_HAVE_QTPDF
constexpr qreal kPdfRenderScale = 2.0; // 144 dpi: sharp enough to read a scanned signature and stamp
constexpr int kMaxRenderedSide = 2400;
#endif
constexpr int kOrderLoadDelayMs = 120;

// Sorts by the model's precomputed keys and marks overdue answers.
class QueueProxyModel final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if ((role == Qt::FontRole || role == Qt::ForegroundRole)
            && index.column() == DirectorRequestModel::ExpectedColumn
            && index.data(DirectorRequestModel::OverdueRole).toBool()) {
            if (role == Qt::ForegroundRole)
                return QColor(0xb3, 0x26, 0x1e);
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return QSortFilterProxyModel::data(index, role);
    }
};

QString extensionFor(const QString &contentType)
{
    if (contentType == QLatin1String("application/pdf"))
        return QStringLiteral("pdf");
    if (contentType == QLatin1String("image/jpeg"))
        return QStringLiteral("jpg");
    if (contentType == QLatin1String("image/png"))
        return QStringLiteral("png");
    return QStringLiteral("bin");
}

QString formatSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// A scan with transparency would look black on a dark palette: put every page on white paper.
QImage onWhite(QImage image)
{
    if (!image.hasAlphaChannel())
        return image;
    QImage paper(image.size(), QImage::Format_RGB32);
    paper.setDevicePixelRatio(image.devicePixelRatio());
    paper.fill(Qt::white);
    QPainter painter(&paper);
    painter.drawImage(0, 0, image);
    painter.end();
    return paper;
}

} // namespace

OperatorWindow::OperatorWindow(client::OperatorSession *session, Prompter *prompter, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_prompter(prompter)
    , m_proxy(new QueueProxyModel(this))
    , m_titleLabel(new QLabel(this))
    , m_subtitleLabel(new QLabel(this))
    , m_signOut(new QPushButton(this))
    , m_applications(new QPushButton(this))
    , m_filterLabel(new QLabel(this))
    , m_statusFilter(new QComboBox(this))
    , m_refresh(new QPushButton(this))
    , m_countLabel(new QLabel(this))
    , m_confirm(new QPushButton(this))
    , m_reject(new QPushButton(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_view(new QTableView(m_splitter))
    , m_details(new QWidget(m_splitter))
    , m_placeholder(new QLabel(m_details))
    , m_form(new QWidget(m_details))
    , m_formLayout(new QFormLayout(m_form))
    , m_orderBox(new QGroupBox(m_details))
    , m_preview(new QLabel(m_orderBox))
    , m_previousPage(new QPushButton(m_orderBox))
    , m_pageLabel(new QLabel(m_orderBox))
    , m_nextPage(new QPushButton(m_orderBox))
    , m_openOrder(new QPushButton(m_orderBox))
    , m_saveOrder(new QPushButton(m_orderBox))
    , m_busyIndicator(new BusyIndicator(this))
    , m_orderTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("operatorWindow"));
    m_titleLabel->setObjectName(QStringLiteral("operatorTitleLabel"));
    m_subtitleLabel->setObjectName(QStringLiteral("operatorSubtitleLabel"));
    m_signOut->setObjectName(QStringLiteral("operatorSignOutButton"));
    m_applications->setObjectName(QStringLiteral("operatorApplicationsButton"));
    m_filterLabel->setObjectName(QStringLiteral("operatorStatusLabel"));
    m_statusFilter->setObjectName(QStringLiteral("operatorStatusComboBox"));
    m_refresh->setObjectName(QStringLiteral("refreshQueueButton"));
    m_countLabel->setObjectName(QStringLiteral("queueCountLabel"));
    m_confirm->setObjectName(QStringLiteral("confirmDirectorButton"));
    m_reject->setObjectName(QStringLiteral("rejectDirectorButton"));
    m_splitter->setObjectName(QStringLiteral("operatorSplitter"));
    m_view->setObjectName(QStringLiteral("directorRequestsTableView"));
    m_details->setObjectName(QStringLiteral("operatorDetailsWidget"));
    m_placeholder->setObjectName(QStringLiteral("detailsPlaceholderLabel"));
    m_form->setObjectName(QStringLiteral("requestFormWidget"));
    m_orderBox->setObjectName(QStringLiteral("orderGroupBox"));
    m_preview->setObjectName(QStringLiteral("orderPreviewLabel"));
    m_previousPage->setObjectName(QStringLiteral("previousPageButton"));
    m_pageLabel->setObjectName(QStringLiteral("orderPageLabel"));
    m_nextPage->setObjectName(QStringLiteral("nextPageButton"));
    m_openOrder->setObjectName(QStringLiteral("openOrderButton"));
    m_saveOrder->setObjectName(QStringLiteral("saveOrderButton"));

    // Header: who works here, and sign-out.
    QFont big = m_titleLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_titleLabel->setFont(big);
    auto *header = new QHBoxLayout;
    auto *who = new QVBoxLayout;
    who->addWidget(m_titleLabel);
    who->addWidget(m_subtitleLabel);
    header->addLayout(who, 1);
    header->addWidget(m_applications, 0, Qt::AlignTop);
    header->addWidget(m_signOut, 0, Qt::AlignTop);

    // Tool row: the queue's filter on the left, the decision at the top right.
    m_filterLabel->setBuddy(m_statusFilter);
    m_refresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_confirm->setProperty("role", QStringLiteral("approve"));
    m_reject->setProperty("role", QStringLiteral("reject"));
    m_confirm->setIcon(style()->standardIcon(QStyle::SP_DialogApplyButton));
    m_reject->setIcon(style()->standardIcon(QStyle::SP_DialogCancelButton));
    auto *tools = new QHBoxLayout;
    tools->addWidget(m_filterLabel);
    tools->addWidget(m_statusFilter);
    tools->addWidget(m_refresh);
    tools->addSpacing(8);
    tools->addWidget(m_countLabel);
    tools->addStretch(1);
    tools->addWidget(m_confirm);
    tools->addWidget(m_reject);

    // The queue.
    m_proxy->setSourceModel(session->model());
    m_proxy->setSortRole(DirectorRequestModel::SortKeyRole);
    m_view->setModel(m_proxy);
    m_emptyState = new EmptyState(m_view, [this] { return tr("No requests with this status."); });
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(DirectorRequestModel::SubmittedColumn, Qt::AscendingOrder); // first come, first served
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setTabKeyNavigation(false); // Tab leaves the table; the arrows move within it
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle); // school names differ at their end («… № 5»)
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    QHeaderView *columns = m_view->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setSectionResizeMode(DirectorRequestModel::SchoolColumn, QHeaderView::Stretch);
    columns->setStretchLastSection(false);
    // The position is in the details; the status column only tells something in the list of all requests.
    m_view->setColumnHidden(DirectorRequestModel::PositionColumn, true);
    m_view->setColumnHidden(DirectorRequestModel::StatusColumn, true);
    m_view->setMinimumWidth(420);

    // The details of the selected request.
    for (int row = 0; row < DetailRowCount; ++row) {
        m_captions[row] = new QLabel(m_form);
        m_values[row] = new QLabel(m_form);
        m_values[row]->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        m_values[row]->setWordWrap(true);
        m_values[row]->setTextFormat(Qt::PlainText);
        m_captions[row]->setBuddy(m_values[row]);
        m_formLayout->addRow(m_captions[row], m_values[row]);
    }
    static constexpr const char *kValueNames[DetailRowCount] = {"schoolValueLabel", "innValueLabel", "kindValueLabel",
        "directorValueLabel", "positionValueLabel", "emailValueLabel", "phoneValueLabel", "submittedValueLabel",
        "expectedValueLabel", "statusValueLabel", "reasonValueLabel", "decidedValueLabel", "orderValueLabel"};
    for (int row = 0; row < DetailRowCount; ++row)
        m_values[row]->setObjectName(QLatin1String(kValueNames[row]));
    QFont strong = m_values[SchoolRow]->font();
    strong.setBold(true);
    m_values[SchoolRow]->setFont(strong);
    m_values[PersonRow]->setFont(strong);
    m_formLayout->setContentsMargins(0, 0, 0, 0);
    m_formLayout->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
    m_formLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_formLayout->setRowWrapPolicy(QFormLayout::DontWrapRows);

    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setForegroundRole(QPalette::PlaceholderText);

    // The order «Приказ»: a rendered page scaled to fit, page switching for PDF, save / open in a viewer.
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setWordWrap(true);
    m_preview->setMinimumSize(240, 200);
    m_preview->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored); // the page never dictates the layout
    m_preview->setFrameShape(QFrame::StyledPanel);
    m_preview->setBackgroundRole(QPalette::Base);
    m_preview->setAutoFillBackground(true);
    m_preview->setMargin(6);
    m_preview->installEventFilter(this);
    m_previousPage->setIcon(style()->standardIcon(QStyle::SP_ArrowLeft));
    m_nextPage->setIcon(style()->standardIcon(QStyle::SP_ArrowRight));
    m_saveOrder->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_openOrder->setIcon(style()->standardIcon(QStyle::SP_FileDialogContentsView));
    auto *pages = new QHBoxLayout;
    pages->addWidget(m_previousPage);
    pages->addWidget(m_pageLabel);
    pages->addWidget(m_nextPage);
    pages->addStretch(1);
    pages->addWidget(m_openOrder);
    pages->addWidget(m_saveOrder);
    auto *orderLayout = new QVBoxLayout(m_orderBox);
    orderLayout->addWidget(m_preview, 1);
    orderLayout->addLayout(pages);

    auto *detailsLayout = new QVBoxLayout(m_details);
    detailsLayout->setContentsMargins(8, 0, 0, 0);
    detailsLayout->addWidget(m_placeholder, 1);
    detailsLayout->addWidget(m_form);
    detailsLayout->addWidget(m_orderBox, 1);
    detailsLayout->addStretch(0); // takes the room when there is no order to show
    m_details->setMinimumWidth(340);

    m_splitter->addWidget(m_view);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(16, 12, 16, 8);
    layout->addLayout(header);
    layout->addLayout(tools);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);
    statusBar()->addPermanentWidget(m_busyIndicator);
    connect(m_busyIndicator, &BusyIndicator::cancelRequested, this, &OperatorWindow::cancelRequested);

    m_orderTimer->setSingleShot(true);
    m_orderTimer->setInterval(kOrderLoadDelayMs);
    connect(m_orderTimer, &QTimer::timeout, this, [this] {
        if (m_shownId && m_previewState == PreviewState::Loading && m_orderRequestId != m_shownId)
            m_session->loadOrder(m_shownId);
    });

#ifdef SG_HAVE_QTPDF
    m_pdf = new QPdfDocument(this);
    m_pdfBuffer = new QBuffer(this);
    connect(m_pdf, &QPdfDocument::statusChanged, this, [this](QPdfDocument::Status status) {
        if (m_pdfRequestId != m_shownId || m_shownId == 0)
            return; // a document of a request no longer shown
        if (status == QPdfDocument::Status::Ready && m_previewState == PreviewState::Loading) {
            m_pageCount = m_pdf->pageCount();
            goToPage(0);
        } else if (status == QPdfDocument::Status::Error) {
            setPreviewState(PreviewState::Unreadable);
        }
    });
#endif

    // Status values are the protocol's; the texts are set in retranslate().
    m_statusFilter->addItem(QString(), QStringLiteral("submitted"));
    m_statusFilter->addItem(QString(), QStringLiteral("confirmed"));
    m_statusFilter->addItem(QString(), QStringLiteral("rejected"));
    m_statusFilter->addItem(QString(), QString());
    m_statusFilter->setCurrentIndex(0);

    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, [this] {
        m_view->setColumnHidden(DirectorRequestModel::StatusColumn, !statusFilter().isEmpty());
        m_session->refresh(statusFilter());
    });
    connect(m_refresh, &QPushButton::clicked, this, [this] { m_session->refresh(statusFilter()); });
    connect(m_signOut, &QPushButton::clicked, this, &OperatorWindow::signOutRequested);
    connect(m_applications, &QPushButton::clicked, this, [this] {
        // One list at a time; it stays open beside the queue (non-modal).
        if (!m_applicationsDialog) {
            m_applicationsDialog = new ApplicationsDialog(m_session->api(), this);
            m_applicationsDialog->setAttribute(Qt::WA_DeleteOnClose);
            m_applicationsDialog->refresh();
        }
        m_applicationsDialog->show();
        m_applicationsDialog->raise();
        m_applicationsDialog->activateWindow();
    });
    connect(m_confirm, &QPushButton::clicked, this, &OperatorWindow::confirmSelected);
    connect(m_reject, &QPushButton::clicked, this, &OperatorWindow::rejectSelected);
    connect(m_saveOrder, &QPushButton::clicked, this, &OperatorWindow::saveOrder);
    connect(m_openOrder, &QPushButton::clicked, this, &OperatorWindow::openOrderInViewer);
    connect(m_previousPage, &QPushButton::clicked, this, [this] { goToPage(m_pageIndex - 1); });
    connect(m_nextPage, &QPushButton::clicked, this, [this] { goToPage(m_pageIndex + 1); });

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &OperatorWindow::syncSelection);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &OperatorWindow::restoreSelection);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &OperatorWindow::syncSelection);
    connect(m_proxy, &QAbstractItemModel::dataChanged, this, [this] {
        updateDetails();
        updateButtons();
    });

    connect(session, &client::OperatorSession::queueChanged, this, &OperatorWindow::updateCount);
    connect(session, &client::OperatorSession::orderLoaded, this, &OperatorWindow::setOrder);
    connect(session, &client::OperatorSession::orderFailed, this, [this](qint64 requestId, const Error &error) {
        if (requestId != m_shownId)
            return;
        m_previewError = error.message;
        setPreviewState(PreviewState::LoadFailed);
        showStatus(tr("The order could not be loaded: %1").arg(error.message));
    });
    connect(session, &client::OperatorSession::decided, this, &OperatorWindow::onDecided);
    connect(session, &client::OperatorSession::failed, this, &OperatorWindow::onFailed);
    connect(session, &client::OperatorSession::busyChanged, this, [this](bool busy) {
        m_busyIndicator->setBusy(m_session, busy);
        updateButtons();
    });

    QSettings settings;
    restoreOrFit(this, settings.value(QStringLiteral("operatorWindow/geometry")).toByteArray(), QSize(1280, 800));
    if (!m_splitter->restoreState(settings.value(QStringLiteral("operatorWindow/splitter")).toByteArray()))
        m_splitter->setSizes({800, 480});

    retranslate();
    syncSelection();
    m_session->refresh(statusFilter());
}

OperatorWindow::~OperatorWindow()
{
    // Signing out destroys the window without closing it: its size and place are kept here too.
    if (testAttribute(Qt::WA_WState_Created))
        QSettings().setValue(QStringLiteral("operatorWindow/geometry"), saveGeometry());
}

bool OperatorWindow::canPreviewPdf()
{
#ifdef SG_HAVE_QTPDF
    return true;
#else
    return false;
#endif
}

QString OperatorWindow::statusFilter() const
{
    return m_statusFilter->currentData().toString();
}

qint64 OperatorWindow::currentRequestId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.size() != 1)
        return 0;
    return rows.first().data(DirectorRequestModel::IdRole).toLongLong();
}

const proto::DirectorRequest *OperatorWindow::shownRequest() const
{
    return m_shownId ? m_session->model()->requestById(m_shownId) : nullptr;
}

void OperatorWindow::selectRequest(qint64 id)
{
    const int sourceRow = m_session->model()->rowOf(id);
    if (sourceRow < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_session->model()->index(sourceRow, 0));
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void OperatorWindow::syncSelection()
{
    const qint64 id = currentRequestId();
    if (id != m_shownId) {
        m_shownId = id;
        showOrderFor(id);
    }
    updateDetails();
    updateButtons();
}

void OperatorWindow::restoreSelection()
{
    // A reload resets the model (and clears the selection): keep showing the same request if it is still listed.
    if (m_shownId && m_session->model()->rowOf(m_shownId) >= 0)
        selectRequest(m_shownId);
    syncSelection();
}

void OperatorWindow::updateDetails()
{
    const proto::DirectorRequest *r = shownRequest();
    m_placeholder->setVisible(r == nullptr);
    m_form->setVisible(r != nullptr);
    if (!r) {
        m_orderBox->setVisible(false);
        return;
    }
    const QLocale locale;
    const QString none = QStringLiteral("—");
    const auto orNone = [&none](const QString &s) { return s.isEmpty() ? none : s; };
    m_values[SchoolRow]->setText(r->schoolName);
    m_values[InnRow]->setText(r->schoolInn);
    m_values[KindRow]->setText(DirectorRequestModel::kindText(r->submission.kind));
    m_values[PersonRow]->setText(DirectorRequestModel::fullName(r->submission));
    m_values[PositionRow]->setText(orNone(r->submission.position));
    m_values[EmailRow]->setText(orNone(r->submission.email));
    m_values[PhoneRow]->setText(orNone(r->submission.phone));
    const auto moment = [&locale](const QDateTime &utc) {
        const QDateTime local = utc.toLocalTime();
        return QStringLiteral("%1, %2").arg(
            locale.toString(local.date(), QLocale::LongFormat), locale.toString(local.time(), QLocale::ShortFormat));
    };
    m_values[SubmittedRow]->setText(moment(r->submittedAt));
    const bool overdue = m_session->model()->isOverdue(*r);
    m_values[ExpectedRow]->setText(overdue ? tr("%1 (overdue)").arg(locale.toString(r->expectedBy, QLocale::LongFormat))
                                           : locale.toString(r->expectedBy, QLocale::LongFormat));
    m_values[StatusRow]->setText(DirectorRequestModel::statusText(r->status));
    m_values[ReasonRow]->setText(r->reason);
    m_formLayout->setRowVisible(ReasonRow, !r->reason.isEmpty());
    m_values[DecidedRow]->setText(r->decidedAt.isValid() ? moment(r->decidedAt) : QString());
    m_formLayout->setRowVisible(DecidedRow, r->decidedAt.isValid());

    const bool hasOrder = r->orderSize > 0 || !r->orderContentType.isEmpty();
    m_values[OrderRow]->setText(hasOrder ? QStringLiteral("%1 · %2").arg(r->orderFileName, formatSize(r->orderSize))
                                         : tr("none (an initial confirmation needs no order)"));
    m_orderBox->setVisible(hasOrder);
}

void OperatorWindow::updateButtons()
{
    const proto::DirectorRequest *r = shownRequest();
    const bool decidable =
        r && r->status == QLatin1String("submitted") && !m_session->isBusy() && !m_session->isDeciding(r->id);
    m_confirm->setEnabled(decidable);
    m_reject->setEnabled(decidable);
    const bool haveOrder = m_order && m_orderRequestId == m_shownId && m_shownId != 0;
    m_saveOrder->setEnabled(haveOrder);
    m_openOrder->setEnabled(haveOrder);
    updatePageControls();
}

void OperatorWindow::resizeColumns()
{
    // Wide enough for what these columns can hold in this language (the organisation takes the rest).
    const QFontMetrics fm = m_view->fontMetrics();
    const QLocale locale;
    const auto fit = [&](int column, const QStringList &samples) {
        const QFontMetrics headerFm = m_view->horizontalHeader()->fontMetrics();
        const QString title = m_proxy->headerData(column, Qt::Horizontal).toString();
        int width = headerFm.horizontalAdvance(title) + 2 * headerFm.averageCharWidth() + 16; // + sort arrow
        for (const QString &sample : samples)
            width = std::max(width, fm.horizontalAdvance(sample) + 2 * fm.averageCharWidth());
        m_view->setColumnWidth(column, width);
    };
    const QDate late(2026, 12, 28); // two-digit day and month
    fit(DirectorRequestModel::InnColumn, {QStringLiteral("0000000000")});
    fit(DirectorRequestModel::KindColumn,
        {DirectorRequestModel::kindText(proto::DirectorSubmission::Kind::Initial),
            DirectorRequestModel::kindText(proto::DirectorSubmission::Kind::Change)});
    fit(DirectorRequestModel::DirectorColumn, {QString(22, QLatin1Char('n'))}); // most full names
    fit(DirectorRequestModel::PositionColumn, {QString(14, QLatin1Char('n'))});
    fit(DirectorRequestModel::SubmittedColumn, {locale.toString(late, QLocale::ShortFormat)});
    fit(DirectorRequestModel::ExpectedColumn, {locale.toString(late, QLocale::ShortFormat)});
    fit(DirectorRequestModel::StatusColumn,
        {DirectorRequestModel::statusText(QStringLiteral("submitted")),
            DirectorRequestModel::statusText(QStringLiteral("confirmed")),
            DirectorRequestModel::statusText(QStringLiteral("rejected"))});
}

void OperatorWindow::updateCount()
{
    m_countLabel->setText(tr("%n request(s)", nullptr, m_session->model()->rowCount()));
}

void OperatorWindow::updateHeader()
{
    m_subtitleLabel->setText(
        tr("Support operator · server %1").arg(m_session->api()->baseUrl().toDisplayString(QUrl::RemoveUserInfo)));
}

// ---- The order ----

void OperatorWindow::showOrderFor(qint64 requestId)
{
    m_orderTimer->stop();
    m_pageImage = QImage();
    m_pageCount = 0;
    m_pageIndex = 0;
    const proto::DirectorRequest *r = requestId ? m_session->model()->requestById(requestId) : nullptr;
    if (!r) {
        setPreviewState(PreviewState::NoSelection);
        return;
    }
    if (r->orderSize <= 0 && r->orderContentType.isEmpty()) {
        setPreviewState(PreviewState::NoOrder);
        return;
    }
    if (m_order && m_orderRequestId == requestId) {
        setOrder(requestId, *m_order); // already here: render again, no download
        return;
    }
    // Loaded after a short pause, so walking the list with the arrow keys does not download every order.
    setPreviewState(PreviewState::Loading);
    m_orderTimer->start();
}

void OperatorWindow::setOrder(qint64 requestId, const proto::OrderFile &file)
{
    if (requestId != m_shownId)
        return; // the operator moved on meanwhile
    m_orderRequestId = requestId;
    m_order = file;
    m_pageImage = QImage();
    m_pageCount = 0;
    m_pageIndex = 0;
    if (file.contentType == QLatin1String("application/pdf")) {
#ifdef SG_HAVE_QTPDF
        setPreviewState(PreviewState::Loading);
        m_pdfRequestId = 0;
        m_pdf->close();
        m_pdfBuffer->close();
        m_pdfBuffer->setData(file.data);
        m_pdfBuffer->open(QIODevice::ReadOnly);
        m_pdfRequestId = requestId;
        m_pdf->load(m_pdfBuffer); // a buffer loads at once; statusChanged renders the first page
        if (m_pdf->status() == QPdfDocument::Status::Ready && m_previewState == PreviewState::Loading) {
            m_pageCount = m_pdf->pageCount();
            goToPage(0);
        } else if (m_pdf->status() == QPdfDocument::Status::Error) {
            setPreviewState(PreviewState::Unreadable);
        }
#else
        setPreviewState(PreviewState::PdfNotSupported);
#endif
    } else {
        QImage image;
        if (!image.loadFromData(file.data)) {
            setPreviewState(PreviewState::Unreadable);
        } else {
            m_pageCount = 1;
            setPageImage(std::move(image));
        }
    }
    updateButtons();
}

void OperatorWindow::goToPage(int index)
{
    if (index < 0 || index >= m_pageCount)
        return;
    m_pageIndex = index;
    renderPdfPage();
}

void OperatorWindow::renderPdfPage()
{
#ifdef SG_HAVE_QTPDF
    const QSizeF points = m_pdf->pagePointSize(m_pageIndex);
    QSize size = (points * kPdfRenderScale).toSize();
    if (size.isEmpty()) {
        setPreviewState(PreviewState::Unreadable);
        return;
    }
    if (std::max(size.width(), size.height()) > kMaxRenderedSide)
        size.scale(kMaxRenderedSide, kMaxRenderedSide, Qt::KeepAspectRatio);
    QImage page = m_pdf->render(m_pageIndex, size);
    if (page.isNull()) {
        setPreviewState(PreviewState::Unreadable);
        return;
    }
    setPageImage(std::move(page));
#endif
}

void OperatorWindow::setPageImage(QImage image)
{
    m_pageImage = onWhite(std::move(image));
    setPreviewState(PreviewState::Page);
}

void OperatorWindow::setPreviewState(PreviewState state)
{
    m_previewState = state;
    if (state != PreviewState::Page)
        m_pageImage = QImage();
    updatePreviewText();
    updatePreviewPixmap();
    updatePageControls();
}

void OperatorWindow::updatePreviewText()
{
    QString text;
    switch (m_previewState) {
    case PreviewState::NoSelection: break;
    case PreviewState::NoOrder: text = tr("No order is attached: an initial confirmation does not need one."); break;
    case PreviewState::Loading: text = tr("Loading the order…"); break;
    case PreviewState::Page: break;
    case PreviewState::LoadFailed: text = tr("The order could not be loaded: %1").arg(m_previewError); break;
    case PreviewState::Unreadable:
        text = tr("The file cannot be shown here. Save it or open it in a viewer to check it.");
        break;
    case PreviewState::PdfNotSupported:
        text = tr("This version of the app cannot show PDF files. Open the order in a viewer.");
        break;
    }
    if (m_previewState != PreviewState::Page)
        m_preview->setText(text);
}

void OperatorWindow::updatePreviewPixmap()
{
    if (m_previewState != PreviewState::Page || m_pageImage.isNull())
        return;
    const qreal dpr = devicePixelRatioF();
    const QSize room = m_preview->contentsRect().size() - QSize(2 * m_preview->margin(), 2 * m_preview->margin());
    const QSize target = (QSizeF(room.expandedTo(QSize(1, 1))) * dpr).toSize();
    QImage shown = m_pageImage;
    if (shown.width() > target.width() || shown.height() > target.height())
        shown = shown.scaled(target, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QPixmap pixmap = QPixmap::fromImage(shown);
    pixmap.setDevicePixelRatio(dpr);
    m_preview->setPixmap(pixmap);
}

void OperatorWindow::updatePageControls()
{
    const bool pdf = m_order && m_orderRequestId == m_shownId && m_shownId != 0
        && m_order->contentType == QLatin1String("application/pdf") && m_pageCount > 0;
    m_previousPage->setVisible(pdf && m_pageCount > 1);
    m_nextPage->setVisible(pdf && m_pageCount > 1);
    m_pageLabel->setVisible(pdf);
    m_previousPage->setEnabled(m_pageIndex > 0);
    m_nextPage->setEnabled(m_pageIndex + 1 < m_pageCount);
    m_pageLabel->setText(pdf ? tr("Page %1 of %2").arg(m_pageIndex + 1).arg(m_pageCount) : QString());
    m_preview->setAccessibleDescription(m_pageLabel->text());
}

QString OperatorWindow::suggestedOrderName() const
{
    if (!m_order)
        return {};
    const QString ext = extensionFor(m_order->contentType);
    // Never trust a name from the network as a path: keep only its last part, and the extension of the real type.
    QString base = QFileInfo(m_order->fileName).completeBaseName();
    base.remove(QLatin1Char('/')).remove(QLatin1Char('\\')).remove(QLatin1Char(':'));
    if (base.isEmpty()) {
        const proto::DirectorRequest *r = m_session->model()->requestById(m_orderRequestId);
        base = r ? tr("Order %1").arg(r->schoolInn) : tr("Order");
    }
    return base + QLatin1Char('.') + ext;
}

void OperatorWindow::saveOrder()
{
    if (!m_order || m_orderRequestId != m_shownId)
        return;
    const QString ext = extensionFor(m_order->contentType);
    const QString filter = tr("%1 file (*.%2)").arg(ext.toUpper(), ext);
    const auto path = m_prompter->askSaveFile(this, tr("Save the order"), suggestedOrderName(), filter);
    if (!path)
        return;
    QSaveFile file(*path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_order->data) != m_order->data.size() || !file.commit()) {
        m_prompter->inform(this, tr("Save the order"),
            tr("The file could not be saved to %1: %2").arg(QDir::toNativeSeparators(*path), file.errorString()));
        return;
    }
    showStatus(tr("The order is saved to %1.").arg(QDir::toNativeSeparators(*path)));
}

void OperatorWindow::openOrderInViewer()
{
    if (!m_order || m_orderRequestId != m_shownId)
        return;
    if (!m_tempDir)
        m_tempDir = std::make_unique<QTemporaryDir>();
    // The name is ours (the request id and the real type), so a viewer for that type, never a program, opens it.
    const QString path = m_tempDir->isValid()
        ? m_tempDir->filePath(
            QStringLiteral("order-%1.%2").arg(m_orderRequestId).arg(extensionFor(m_order->contentType)))
        : QString();
    QSaveFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(m_order->data) != m_order->data.size()
        || !file.commit()) {
        m_prompter->inform(this, tr("Open in viewer"), tr("The order could not be written to a temporary file."));
        return;
    }
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(path)))
        m_prompter->inform(this, tr("Open in viewer"),
            tr("No program to show this file was found. Save the order and open it yourself."));
}

// ---- Decisions ----

void OperatorWindow::confirmSelected()
{
    const proto::DirectorRequest *r = shownRequest();
    if (!r || r->status != QLatin1String("submitted"))
        return;
    showStatus(tr("Confirming the director of %1…").arg(r->schoolName), 0);
    m_session->decide(r->id, true);
    updateButtons();
}

void OperatorWindow::rejectSelected()
{
    const proto::DirectorRequest *r = shownRequest();
    if (!r || r->status != QLatin1String("submitted"))
        return;
    const qint64 id = r->id;
    const auto reason = m_prompter->askRejectionReason(this, 1);
    if (!reason) {
        showStatus(tr("Rejection cancelled: nothing was sent."), 5000);
        return;
    }
    const proto::DirectorRequest *still = m_session->model()->requestById(id); // the queue may have reloaded
    if (!still || still->status != QLatin1String("submitted"))
        return;
    showStatus(tr("Rejecting the request of %1…").arg(still->schoolName), 0);
    m_session->decide(id, false, *reason);
    updateButtons();
}

void OperatorWindow::onDecided(const proto::DirectorRequest &request)
{
    const QString person = DirectorRequestModel::fullName(request.submission);
    if (request.status == QLatin1String("confirmed"))
        showStatus(tr("Confirmed: %1 is the director of %2. The school is notified.").arg(person, request.schoolName));
    else
        showStatus(tr("Rejected: the request of %1 (%2). The school is notified with the reason.")
                       .arg(request.schoolName, person));
    if (m_session->model()->rowOf(request.id) < 0) {
        // It left the list. The view has moved the selection to a neighbour; never leave another school's request
        // selected under the operator's mouse, where a second click would decide it unseen.
        m_view->selectionModel()->clear();
    }
    updateDetails();
    updateButtons();
}

void OperatorWindow::onFailed(const Error &error)
{
    if (error.code == QLatin1String(errc::Conflict)) {
        const QString text = tr("Someone else has decided on this request meanwhile, so nothing was changed. "
                                "The list is reloaded to show the current state.");
        showStatus(text);
        m_prompter->inform(this, tr("The request has changed"), text + QLatin1Char('\n') + error.message);
        return;
    }
    showStatus(tr("Not done: %1").arg(errorText(error)));
}

void OperatorWindow::showStatus(const QString &text, int timeoutMs)
{
    statusBar()->showMessage(text, timeoutMs);
}

void OperatorWindow::retranslate()
{
    if (m_emptyState)
        m_emptyState->refresh();
    setWindowTitle(tr("SchoolGate — director confirmation (support)"));
    m_titleLabel->setText(tr("Confirmation of directors"));
    updateHeader();
    m_signOut->setText(tr("Sign out"));
    m_applications->setText(tr("&Applications to schools…"));
    m_applications->setToolTip(tr("Who applied to which school by themselves («Заявка в школу») and where each "
                                  "application stands"));
    m_filterLabel->setText(tr("&Show:"));
    {
        const QSignalBlocker block(m_statusFilter);
        m_statusFilter->setItemText(0, tr("Awaiting decision"));
        m_statusFilter->setItemText(1, tr("Confirmed"));
        m_statusFilter->setItemText(2, tr("Rejected"));
        m_statusFilter->setItemText(3, tr("All requests"));
    }
    m_statusFilter->setAccessibleName(tr("Requests to show"));
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolTip(tr("Load the list from the server again"));
    m_confirm->setText(tr("Confirm"));
    m_confirm->setToolTip(tr("Confirm the selected person as the director of the organisation"));
    m_confirm->setAccessibleName(tr("Confirm the director"));
    m_reject->setText(tr("Reject"));
    m_reject->setToolTip(tr("Reject the selected request (the school is told the reason)"));
    m_reject->setAccessibleName(tr("Reject the request"));
    // The style sheet pads these buttons; leave room so the text is never clipped.
    for (QPushButton *button : {m_confirm, m_reject}) {
        button->setMinimumWidth(0);
        button->setMinimumWidth(button->sizeHint().width() + 2 * button->fontMetrics().averageCharWidth());
    }
    m_view->setAccessibleName(tr("Directors' requests"));
    m_details->setAccessibleName(tr("Details of the request"));
    m_placeholder->setText(tr("Select a request in the list to see the director's data and the order."));

    const char *captions[DetailRowCount] = {QT_TR_NOOP("Organisation:"), QT_TR_NOOP("INN:"), QT_TR_NOOP("Request:"),
        QT_TR_NOOP("Director:"), QT_TR_NOOP("Position:"), QT_TR_NOOP("E-mail:"), QT_TR_NOOP("Phone:"),
        QT_TR_NOOP("Submitted:"), QT_TR_NOOP("Answer by:"), QT_TR_NOOP("Status:"), QT_TR_NOOP("Reason:"),
        QT_TR_NOOP("Decided:"), QT_TR_NOOP("Order:")};
    for (int row = 0; row < DetailRowCount; ++row) {
        m_captions[row]->setText(tr(captions[row]));
        m_values[row]->setAccessibleName(tr(captions[row]).remove(QLatin1Char(':')));
    }

    m_orderBox->setTitle(tr("Order", "the school's order «Приказ» appointing the director"));
    m_preview->setAccessibleName(tr("Order preview"));
    m_previousPage->setToolTip(tr("Previous page"));
    m_previousPage->setAccessibleName(tr("Previous page"));
    m_nextPage->setToolTip(tr("Next page"));
    m_nextPage->setAccessibleName(tr("Next page"));
    m_openOrder->setText(tr("Open in viewer"));
    m_openOrder->setToolTip(tr("Open the order in the system's program for this file type"));
    m_saveOrder->setText(tr("Save file…"));
    m_session->model()->retranslate();
    resizeColumns();
    updateCount();
    updateDetails();
    updatePreviewText();
    updateButtons();
}

void OperatorWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

bool OperatorWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_preview && event->type() == QEvent::Resize)
        updatePreviewPixmap();
    return QMainWindow::eventFilter(watched, event);
}

void OperatorWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    // Once the window manager has framed and placed it: the whole window, title bar and status bar included, inside
    // the screen's available area.
    QTimer::singleShot(0, this, [this] { keepInsideScreen(this); });
}

void OperatorWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("operatorWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("operatorWindow/splitter"), m_splitter->saveState());
    QMainWindow::closeEvent(event);
}

} // namespace sg::ui
