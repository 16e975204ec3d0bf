#pragma once

#include "core/directorprotocol.h"
#include "core/result.h"

#include <QImage>
#include <QList>
#include <QMainWindow>
#include <QPointer>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QBuffer;
class QComboBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QPdfDocument;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QTableView;
class QTemporaryDir;
class QTimer;
QT_END_NAMESPACE

namespace sg::client {
class OperatorSession;
}

namespace sg::ui {

class ApplicationsDialog;

class BusyIndicator;
class Prompter;

// The support operator's workspace: the queue of directors' submissions (filtered by status) on the left, the
// selected request with its order «Приказ» on the right, and at the top right «Подтвердить» / «Отклонить».
// The order is previewed in the window (images; PDF when built with Qt PDF) and can be saved or opened in the
// system's viewer. The window loads the queue («awaiting decision») when it is created.
class OperatorWindow : public QMainWindow
{
    Q_OBJECT

public:
    OperatorWindow(client::OperatorSession *session, Prompter *prompter, QWidget *parent = nullptr);
    ~OperatorWindow() override;

    // True when PDF orders are rendered in the window (built with Qt PDF); otherwise only an external viewer.
    static bool canPreviewPdf();

    QTableView *view() const { return m_view; }
    // The request whose details are shown; 0 when none is selected.
    qint64 selectedRequestId() const { return m_shownId; }
    // The shown page of the order at full resolution (an image as it is; a PDF page rendered); null if none.
    QImage orderPage() const { return m_pageImage; }
    int orderPageCount() const { return m_pageCount; }
    int orderPageIndex() const { return m_pageIndex; }
    void retranslate();

signals:
    void signOutRequested();
    // The user pressed «Отмена» while something was talking to the server.
    void cancelRequested();

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    enum DetailRow {
        SchoolRow,
        InnRow,
        KindRow,
        PersonRow,
        PositionRow,
        EmailRow,
        PhoneRow,
        SubmittedRow,
        ExpectedRow,
        StatusRow,
        ReasonRow,
        DecidedRow,
        OrderRow, // the attached file's name and size
        DetailRowCount
    };

    // What the preview area shows (texts are built on retranslate).
    enum class PreviewState { NoSelection, NoOrder, Loading, Page, LoadFailed, Unreadable, PdfNotSupported };

    QString statusFilter() const;
    qint64 currentRequestId() const;
    const proto::DirectorRequest *shownRequest() const;
    void selectRequest(qint64 id);
    void syncSelection();
    void restoreSelection();
    void updateDetails();
    void updateButtons();
    void updateCount();
    void resizeColumns();
    void updateHeader();
    void showOrderFor(qint64 requestId);
    void setOrder(qint64 requestId, const proto::OrderFile &file);
    void setPreviewState(PreviewState state);
    void updatePreviewText();
    void setPageImage(QImage image);
    void renderPdfPage();
    void updatePreviewPixmap();
    void updatePageControls();
    void goToPage(int index);
    void confirmSelected();
    void rejectSelected();
    void saveOrder();
    void openOrderInViewer();
    void onFailed(const Error &error);
    void onDecided(const proto::DirectorRequest &request);
    void showStatus(const QString &text, int timeoutMs = 15000);
    QString suggestedOrderName() const;

    client::OperatorSession *m_session;
    Prompter *m_prompter;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_titleLabel;
    QLabel *m_subtitleLabel;
    QPushButton *m_signOut;
    QPushButton *m_applications; // «Заявки в школы…»
    QPointer<ApplicationsDialog> m_applicationsDialog;
    QLabel *m_filterLabel;
    QComboBox *m_statusFilter;
    QPushButton *m_refresh;
    QLabel *m_countLabel;
    QPushButton *m_confirm;
    QPushButton *m_reject;
    QSplitter *m_splitter;
    QTableView *m_view;
    QWidget *m_details;
    QLabel *m_placeholder;
    QWidget *m_form;
    QFormLayout *m_formLayout;
    QLabel *m_captions[DetailRowCount];
    QLabel *m_values[DetailRowCount];
    QGroupBox *m_orderBox;
    QLabel *m_preview;
    QPushButton *m_previousPage;
    QLabel *m_pageLabel;
    QPushButton *m_nextPage;
    QPushButton *m_openOrder;
    QPushButton *m_saveOrder;
    BusyIndicator *m_busyIndicator;
    QTimer *m_orderTimer; // a short pause before an order is downloaded

    qint64 m_shownId = 0; // the request whose details are shown
    qint64 m_orderRequestId = 0; // the request whose order m_order is (0 = none loaded)
    std::optional<proto::OrderFile> m_order;
    PreviewState m_previewState = PreviewState::NoSelection;
    QString m_previewError; // the server's message when the order could not be loaded
    QImage m_pageImage;
    int m_pageCount = 0;
    int m_pageIndex = 0;
    QPdfDocument *m_pdf = nullptr;
    QBuffer *m_pdfBuffer = nullptr;
    qint64 m_pdfRequestId = 0; // the request whose order m_pdf holds
    std::unique_ptr<QTemporaryDir> m_tempDir; // orders opened in the system's viewer
    class EmptyState *m_emptyState = nullptr;
};

} // namespace sg::ui
