import { useBooks, useHistory } from "../../data/history.tsx";
import { Loading } from "../../ui/kit.tsx";

export default function DecisionsPage() {
  const books = useBooks();
  const { progress } = useHistory();
  if (!books) return <Loading progress={progress} />;
  return <p data-figures>{books.members.current.size} members</p>;
}
