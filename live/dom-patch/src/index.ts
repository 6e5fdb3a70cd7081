export { AnchorMap, applyPatches } from './apply.js';
export { longestIncreasing } from './lis.js';
export { PatchFormatError, PatchTargetError } from './errors.js';
export {
  expandPatch,
  expandSlot,
  isAttributeName,
  OPTIONAL_FIELDS,
  PATCH_FIELDS,
  validatePatches,
  type FieldType,
} from './validate.js';
export {
  PATCH_FORMAT_VERSION,
  READ_VERSIONS,
  type ColumnPatch,
  type Anchor,
  type AnchorsPatch,
  type AttrPatch,
  type HtmlPatch,
  type InsertPatch,
  type MovePatch,
  type Patch,
  type PatchBatch,
  type PatchEntry,
  type PatchOp,
  type Path,
  type RemoveAttrPatch,
  type RemovePatch,
  type ReplacePatch,
  type SlotPatch,
  type TextPatch,
} from './types.js';
