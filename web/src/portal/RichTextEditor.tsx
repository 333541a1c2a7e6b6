import { useEffect, useRef, type ReactNode } from 'react';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { TableKit } from '@tiptap/extension-table';
import { Button, Divider, Select, Tooltip } from 'antd';
import {
  BoldOutlined, ItalicOutlined, LinkOutlined, OrderedListOutlined, PictureOutlined, RedoOutlined,
  StrikethroughOutlined, TableOutlined, UnderlineOutlined, UndoOutlined, UnorderedListOutlined,
} from '@ant-design/icons';
import { App } from 'antd';
import { cleanPastedHtml } from './word-paste';
import './portal.css';

/** Images above this are refused before upload (server/portal/content/article-images.service.ts), which resizes them. */
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The article body editor (Tiptap, MIT). Its schema allows what the server's sanitiser keeps — headings,
 * lists, bold/italic/underline/strike, links, images, tables, quotes — so the preview shows what will be published.
 */
export function RichTextEditor({ value, onChange, uploadImage }: {
  value?: string;
  onChange?: (html: string) => void;
  /** stores the image and answers its URL; absent until the article has been saved once */
  uploadImage?: (file: File) => Promise<string>;
}) {
  const { message, modal } = App.useApp();
  const lastEmitted = useRef<string | undefined>(value);
  const uploadRef = useRef(uploadImage);
  uploadRef.current = uploadImage;

  const editor = useEditor({
    extensions: [
      StarterKit.configure({ link: { openOnClick: false, protocols: ['http', 'https', 'mailto'] }, code: false, codeBlock: false }),
      Image.configure({ inline: false }),
      TableKit.configure({ table: { resizable: false } }),
    ],
    content: value ?? '',
    editorProps: {
      attributes: { class: 'article-body portal-editor-body', 'aria-label': '正文', role: 'textbox', 'aria-multiline': 'true' },
      transformPastedHTML: cleanPastedHtml,
      handlePaste: (_view, event) => {
        const files = Array.from(event.clipboardData?.files ?? []).filter((f) => f.type.startsWith('image/'));
        if (files.length === 0 || (event.clipboardData?.getData('text/html') ?? '') !== '') return false;
        files.forEach((f) => void insertImage(f));
        return true;
      },
    },
    onUpdate: ({ editor: e }) => {
      const html = e.isEmpty ? '' : e.getHTML();
      lastEmitted.current = html;
      onChange?.(html);
    },
  });

  // A value set from outside (loading the article, importing a file) replaces the content; our own echoes do not.
  useEffect(() => {
    if (editor && value !== lastEmitted.current) {
      lastEmitted.current = value;
      editor.commands.setContent(value ?? '', { emitUpdate: false });
    }
  }, [editor, value]);

  async function insertImage(file: File) {
    const upload = uploadRef.current;
    if (!upload) {
      void message.warning('请先保存草稿，再插入图片');
      return;
    }
    if (!file.type.startsWith('image/')) {
      void message.error('只能插入图片文件');
      return;
    }
    if (file.size > IMAGE_MAX_BYTES) {
      void message.error(`图片不能超过 ${IMAGE_MAX_BYTES / 1024 / 1024} MB`);
      return;
    }
    const hide = message.loading('正在上传图片…', 0);
    try {
      const src = await upload(file);
      editor?.chain().focus().setImage({ src, alt: file.name.replace(/\.[^.]+$/, '') }).run();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : '图片上传失败');
    } finally {
      hide();
    }
  }

  function pickImage() {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/png,image/jpeg,image/gif,image/webp';
    input.onchange = () => input.files?.[0] && void insertImage(input.files[0]);
    input.click();
  }

  function editLink() {
    if (!editor) return;
    let href = editor.getAttributes('link').href as string | undefined ?? '';
    modal.confirm({
      title: '插入链接',
      icon: null,
      content: <input className="ant-input" aria-label="链接地址" defaultValue={href} placeholder="https://" onChange={(e) => { href = e.target.value; }} />,
      okText: '确定',
      cancelText: '取消',
      onOk: () => {
        const url = href.trim();
        if (!url) editor.chain().focus().extendMarkRange('link').unsetLink().run();
        else if (!/^(https?:\/\/|mailto:|\/)/i.test(url)) void message.error('链接须以 http:// 或 https:// 开头');
        else editor.chain().focus().extendMarkRange('link').setLink({ href: url }).run();
      },
    });
  }

  if (!editor) return null;
  return (
    <div className="portal-editor">
      <Toolbar editor={editor} onImage={pickImage} onLink={editLink} />
      <EditorContent editor={editor} className="portal-editor-content" />
    </div>
  );
}

function Toolbar({ editor, onImage, onLink }: { editor: Editor; onImage: () => void; onLink: () => void }) {
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      underline: e.isActive('underline'),
      strike: e.isActive('strike'),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      link: e.isActive('link'),
      table: e.isActive('table'),
      block: ([1, 2, 3] as const).find((level) => e.isActive('heading', { level })) ?? (e.isActive('blockquote') ? 'quote' : 'p'),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  return (
    <div className="portal-editor-toolbar" role="toolbar" aria-label="正文格式">
      <Select
        size="small"
        aria-label="段落格式"
        style={{ width: 96 }}
        value={String(s.block)}
        onChange={(v) => {
          if (v === 'p') chain().setParagraph().run();
          else if (v === 'quote') chain().toggleBlockquote().run();
          else chain().setHeading({ level: Number(v) as 1 | 2 | 3 }).run();
        }}
        options={[
          { value: 'p', label: '正文' },
          { value: '1', label: '标题 1' },
          { value: '2', label: '标题 2' },
          { value: '3', label: '标题 3' },
          { value: 'quote', label: '引用' },
        ]}
      />
      <Divider orientation="vertical" />
      <Tool title="加粗" active={s.bold} onClick={() => chain().toggleBold().run()} icon={<BoldOutlined />} />
      <Tool title="倾斜" active={s.italic} onClick={() => chain().toggleItalic().run()} icon={<ItalicOutlined />} />
      <Tool title="下划线" active={s.underline} onClick={() => chain().toggleUnderline().run()} icon={<UnderlineOutlined />} />
      <Tool title="删除线" active={s.strike} onClick={() => chain().toggleStrike().run()} icon={<StrikethroughOutlined />} />
      <Divider orientation="vertical" />
      <Tool title="项目符号列表" active={s.bullet} onClick={() => chain().toggleBulletList().run()} icon={<UnorderedListOutlined />} />
      <Tool title="编号列表" active={s.ordered} onClick={() => chain().toggleOrderedList().run()} icon={<OrderedListOutlined />} />
      <Divider orientation="vertical" />
      <Tool title="链接" active={s.link} onClick={onLink} icon={<LinkOutlined />} />
      <Tool title="插入图片" onClick={onImage} icon={<PictureOutlined />} />
      <Tool title="插入表格" active={s.table} onClick={() => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()} icon={<TableOutlined />} />
      {s.table && (
        <>
          <Button size="small" onClick={() => chain().addRowAfter().run()}>加行</Button>
          <Button size="small" onClick={() => chain().addColumnAfter().run()}>加列</Button>
          <Button size="small" onClick={() => chain().deleteRow().run()}>删行</Button>
          <Button size="small" onClick={() => chain().deleteColumn().run()}>删列</Button>
          <Button size="small" danger onClick={() => chain().deleteTable().run()}>删表格</Button>
        </>
      )}
      <Divider orientation="vertical" />
      <Tool title="撤销" disabled={!s.canUndo} onClick={() => chain().undo().run()} icon={<UndoOutlined />} />
      <Tool title="重做" disabled={!s.canRedo} onClick={() => chain().redo().run()} icon={<RedoOutlined />} />
    </div>
  );
}

function Tool({ title, icon, onClick, active, disabled }: { title: string; icon: ReactNode; onClick: () => void; active?: boolean; disabled?: boolean }) {
  return (
    <Tooltip title={title}>
      <Button size="small" type={active ? 'primary' : 'text'} aria-label={title} aria-pressed={active} icon={icon} onClick={onClick} disabled={disabled} />
    </Tooltip>
  );
}
